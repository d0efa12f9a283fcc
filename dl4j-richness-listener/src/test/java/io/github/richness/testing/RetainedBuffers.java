package io.github.richness.testing;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The ND4J memory that this library's objects keep: the bytes of every distinct data buffer behind an
 * {@code INDArray} reachable from a root through objects of {@code io.github.richness} (their fields, and the
 * arrays, collections and maps they hold). The walk does not enter other libraries' objects (a DL4J model, a
 * user's iterator): what it counts is what the library itself holds on to between calls, whatever its classes
 * look like inside. A view counts as the buffer it views, once.
 */
public final class RetainedBuffers {

    private static final String OWN_PACKAGE = "io.github.richness.";

    private RetainedBuffers() {
    }

    /**
     * @param root an object of this library, e.g. a listener
     * @return the bytes of the distinct ND4J buffers it keeps
     */
    public static long bytesReachableFrom(Object root) {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Set<DataBuffer> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object> pending = new ArrayDeque<>();
        push(pending, root);
        while (!pending.isEmpty()) {
            Object object = pending.pop();
            if (!seen.add(object)) {
                continue;
            }
            if (object instanceof INDArray array) {
                if (!array.isEmpty()) {
                    DataBuffer buffer = array.data();
                    buffers.add(buffer.underlyingDataBuffer() != null ? buffer.underlyingDataBuffer() : buffer);
                }
            } else if (object instanceof Object[] elements) {
                for (Object element : elements) {
                    push(pending, element);
                }
            } else if (object instanceof Collection<?> elements) {
                elements.forEach(element -> push(pending, element));
            } else if (object instanceof Map<?, ?> map) {
                map.forEach((key, value) -> {
                    push(pending, key);
                    push(pending, value);
                });
            } else if (object.getClass().getName().startsWith(OWN_PACKAGE)) {
                pushFields(object, pending);
            }
        }
        return buffers.stream().mapToLong(buffer -> buffer.length() * buffer.getElementSize()).sum();
    }

    private static void push(Deque<Object> pending, Object object) {
        if (object != null) {
            pending.push(object);
        }
    }

    private static void pushFields(Object object, Deque<Object> pending) {
        for (Class<?> type = object.getClass(); type != null && type.getName().startsWith(OWN_PACKAGE);
             type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
                    continue;
                }
                field.setAccessible(true);
                try {
                    push(pending, field.get(object));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + field, e);
                }
            }
        }
    }
}
