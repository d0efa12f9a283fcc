package io.github.richness.device;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The listener's own ND4J workspaces for per-minibatch temporaries.
 *
 * <p>A workspace is a memory arena that is reused after its first cycle, so the temporaries of each
 * minibatch (its double-precision copy, the centred block) cost no allocation after warm-up and nothing
 * leaks across invocations. Workspaces are per thread; callers must close what they open (try-with-resources)
 * and must not keep arrays created inside one after it closes. DL4J's forward passes assert that no
 * workspace is open, so a scratch workspace is opened only around the maths, never around a forward pass.
 */
public final class Scratch {

    private static final WorkspaceConfiguration CONFIGURATION = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.25)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Scratch() {
    }

    /**
     * Opens (activates) the named scratch workspace on the current thread.
     *
     * @param name the workspace's name; one name per use site keeps their sizes apart
     * @return the open workspace, to be closed by the caller
     */
    public static MemoryWorkspace open(String name) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIGURATION, name);
    }

    /**
     * Suspends any open workspace so that arrays created until the returned scope closes are ordinary,
     * detached arrays that survive it.
     *
     * @return the scope, to be closed by the caller
     */
    public static MemoryWorkspace detached() {
        return Nd4j.getWorkspaceManager().scopeOutOfWorkspaces();
    }
}
