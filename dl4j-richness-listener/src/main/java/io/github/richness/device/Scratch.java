package io.github.richness.device;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where the library's ND4J arrays live: a scratch workspace for short-lived temporaries, or outside every
 * workspace for arrays that are kept.
 *
 * <p>{@link #open(String)}: a workspace is a memory arena reused after its first cycle, so temporaries made
 * inside it (for example the per-class products of a minibatch's moment update) cost no allocation after
 * warm-up, and nothing made there survives its closing. {@link #detached()}: arrays that must outlive a
 * workspace that may be open around the caller (the moments, the reused minibatch buffer and the views on them,
 * kept between minibatches and measurements) are created detached, as ordinary arrays that the garbage
 * collector frees. Workspaces are per thread; callers must close what they open (try-with-resources) and must
 * not keep arrays created inside one after it closes. DL4J's forward passes assert that no workspace is open, so
 * a scratch workspace is opened only around the maths, never around a forward pass.
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
