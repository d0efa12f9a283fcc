package io.github.richness.examples.paper;

import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's SameDiff layer with the doubled incoming error undone (see {@link ExactGradientSameDiffLayer}): before
 * the first backward pass it builds the gradient function as DL4J would, looks for the op that adds the
 * external-error placeholder to itself, and from then on passes half the error to DL4J's backward pass when it
 * is there (the gradient is linear in the error, so the halved result is the exact gradient), the error itself
 * when it is not.
 */
final class ExactGradientSameDiffLayerImpl extends SameDiffLayer {

    /** The name of the gradient function in DL4J's SameDiff instance. */
    private static final String GRADIENT_FUNCTION = "grad";

    /** The factor applied to the incoming error; 0 until the gradient function exists. */
    private double errorScale;

    /**
     * @param conf the layer's configuration
     * @param dataType the network's data type
     */
    ExactGradientSameDiffLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /**
     * What DL4J's {@code SameDiffLayer.instantiate} does, with this class as the implementation.
     *
     * @param layer the layer's configuration (a SameDiff layer)
     * @param conf the network's configuration of the layer
     * @param layerIndex the layer's index
     * @param parameters the layer's view of the network's parameters
     * @param initializeParameters whether to initialise them
     * @param dataType the network's data type
     * @return the layer
     */
    static Layer instantiate(org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer layer, NeuralNetConfiguration conf,
                             int layerIndex, INDArray parameters, boolean initializeParameters, DataType dataType) {
        ExactGradientSameDiffLayerImpl instance = new ExactGradientSameDiffLayerImpl(conf, dataType);
        instance.setIndex(layerIndex);
        instance.setParamsViewArray(parameters);
        instance.setParamTable(layer.initializer().init(conf, parameters, initializeParameters));
        instance.setConf(conf);
        return instance;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (errorScale == 0) {
            errorScale = sumsTheErrorWithItself() ? 0.5 : 1;
        }
        return super.backpropGradient(errorScale == 1 ? epsilon : epsilon.mul(errorScale), workspaceMgr);
    }

    /** @return whether the gradient function adds the external-error placeholder to itself */
    private boolean sumsTheErrorWithItself() {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (sameDiff == null) {
                doInit();
            }
            if (!sameDiff.hasGradientFunction()) {
                sameDiff.createGradFunction(INPUT_KEY);
            }
        }
        String error = fn.getGradPlaceholderName();
        SameDiff gradient = sameDiff.getFunction(GRADIENT_FUNCTION);
        for (SameDiffOp op : gradient.getOps().values()) {
            List<String> inputs = op.getInputsToOp();
            if (op.getOp() instanceof AddOp && inputs != null && inputs.size() == 2
                    && error.equals(inputs.get(0)) && error.equals(inputs.get(1))) {
                return true;
            }
        }
        return false;
    }
}
