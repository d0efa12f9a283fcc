package io.github.richness.listener;

import io.github.richness.capture.ActivationCapture;
import io.github.richness.capture.OutputMode;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model a listener measures and what the measurement keeps of it: its capture (built at first use), the
 * copy of its initial state that S_init compares with, and its epoch and iteration counters.
 *
 * <p>The initial state is copied ({@code clone()}: the memory of one more set of parameters) the first time
 * {@link #rememberInitialState()} is called, which the listener does at the first {@code onEpochStart} and at
 * the first training forward pass, both before any update, and before its first measurement. A copy that
 * fails (out of memory, a layer that cannot be cloned) means no S_init and no lazy reference, with one warning;
 * it never stops training.
 */
final class MeasuredModel {

    private static final Logger LOG = LoggerFactory.getLogger(MeasuredModel.class);

    private final Model model;
    private final String outputLayer;
    private final OutputMode outputMode;
    private final boolean keepInitialState;
    private ActivationCapture capture;
    private ActivationCapture initialCapture;
    private boolean initialStateTaken;
    private String initialStateProblem;

    /**
     * @param model the model
     * @param outputLayer for a graph, the output layer to measure (null: the only one)
     * @param outputMode which output f̂ is
     * @param keepInitialState whether to copy the initial state for S_init
     */
    MeasuredModel(Model model, String outputLayer, OutputMode outputMode, boolean keepInitialState) {
        this.model = model;
        this.outputLayer = outputLayer;
        this.outputMode = outputMode;
        this.keepInitialState = keepInitialState;
    }

    /** @return the model */
    Model model() {
        return model;
    }

    /** Copies the model's current state as its initial one, once; a failure is remembered and logged once. */
    void rememberInitialState() {
        if (!keepInitialState || initialStateTaken) {
            return;
        }
        initialStateTaken = true;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            Model copy = copyOf(model);
            initialCapture = copy == null ? null : ActivationCapture.of(copy, outputLayer, outputMode);
        } catch (Throwable e) {
            initialStateProblem = "no S_init and no lazy reference d_lr_lazy: the copy of the initial model failed ("
                    + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")";
            LOG.warn("Richness: {}; the other numbers are measured as usual", initialStateProblem);
        }
    }

    /**
     * @return the capture of the model (built at the first call)
     * @throws io.github.richness.capture.UnsupportedModelException if the model cannot be measured
     */
    ActivationCapture capture() {
        if (capture == null) {
            capture = ActivationCapture.of(model, outputLayer, outputMode);
        }
        return capture;
    }

    /** @return the capture of the copy of the initial model, or null (baselines off, or the copy failed) */
    ActivationCapture initialCapture() {
        return initialCapture;
    }

    /** @return why there is no initial model although baselines are on, or null */
    String initialStateProblem() {
        return initialStateProblem;
    }

    /** @return the capture if it was built, else null (for failure records) */
    ActivationCapture captureIfBuilt() {
        return capture;
    }

    /** @return the model's epoch count */
    int epoch() {
        return RecordAssembly.epochOf(model);
    }

    /** @return the model's iteration count */
    int iteration() {
        return RecordAssembly.iterationOf(model);
    }

    private static Model copyOf(Model model) {
        if (model instanceof MultiLayerNetwork network) {
            return network.clone();
        }
        if (model instanceof ComputationGraph graph) {
            return graph.clone();
        }
        return null;
    }
}
