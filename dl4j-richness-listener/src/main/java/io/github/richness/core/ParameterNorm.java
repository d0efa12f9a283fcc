package io.github.richness.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ‖θ‖², the squared Euclidean norm of a DL4J model's parameters, for the parameter-norm baseline of
 * section 4.1 (Lyu et al. 2024): the weights the model learns, without the batch-normalisation running
 * statistics that DL4J stores among the parameters.
 *
 * <p>DL4J keeps a {@code BatchNormalization} layer's running mean and variance (and, with {@code useLogStd},
 * its log₁₀ standard deviation) in the layer's parameter table, beside γ and β; {@code model.params()} holds
 * them too. They are statistics of the activations, updated by the forward pass, not by the gradient, and
 * their size (a variance of 10⁴ is ordinary) would swamp the norm. So every parameter array counts except
 * {@link BatchNormalizationParamInitializer#GLOBAL_MEAN}, {@code GLOBAL_VAR} and {@code GLOBAL_LOG_STD} of
 * batch-normalisation layers, also inside {@code FrozenLayer} and other wrapper layers. Parameters of frozen
 * layers count: they are parameters of the function the network computes, only not updated (a "last layer
 * only" run measures the norm of the whole network, like the paper's).
 */
public final class ParameterNorm {

    private static final Set<String> RUNNING_STATISTICS = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    private ParameterNorm() {
    }

    /**
     * One reduction over the model's flattened {@code params()} when every parameter is a learned one (then the
     * arrays are exactly its views), else one per learned array.
     *
     * @param model a {@link MultiLayerNetwork}, a {@link ComputationGraph} or a single layer
     * @return ‖θ‖² over its learned parameters, accumulated in double precision; 0 for a model without any
     */
    public static double squaredNorm(Model model) {
        List<INDArray> learned = learnedParameters(model);
        INDArray all = model.params();
        if (!learned.isEmpty() && all != null
                && all.length() == learned.stream().mapToLong(INDArray::length).sum()) {
            return Baselines.squaredNorm(List.of(all));
        }
        return Baselines.squaredNorm(learned);
    }

    /**
     * @param model a {@link MultiLayerNetwork}, a {@link ComputationGraph} or a single layer
     * @return views of its parameter arrays, batch-normalisation running statistics left out
     */
    public static List<INDArray> learnedParameters(Model model) {
        Layer[] layers;
        if (model instanceof MultiLayerNetwork network) {
            layers = network.getLayers();
        } else if (model instanceof ComputationGraph graph) {
            layers = graph.getLayers();
        } else if (model instanceof Layer layer) {
            layers = new Layer[] {layer};
        } else {
            throw new IllegalArgumentException("unsupported model type " + model.getClass().getName());
        }
        List<INDArray> parameters = new ArrayList<>();
        for (Layer layer : layers == null ? new Layer[0] : layers) {
            boolean batchNorm = unwrap(layer.conf().getLayer()) instanceof BatchNormalization;
            for (Map.Entry<String, INDArray> entry : layer.paramTable().entrySet()) {
                if (!(batchNorm && RUNNING_STATISTICS.contains(entry.getKey()))) {
                    parameters.add(entry.getValue());
                }
            }
        }
        return parameters;
    }

    private static org.deeplearning4j.nn.conf.layers.Layer unwrap(org.deeplearning4j.nn.conf.layers.Layer layer) {
        org.deeplearning4j.nn.conf.layers.Layer current = layer;
        while (true) {
            if (current instanceof FrozenLayer frozen) {
                current = frozen.getLayer();
            } else if (current instanceof BaseWrapperLayer wrapper) {
                current = wrapper.getUnderlying();
            } else {
                return current;
            }
        }
    }
}
