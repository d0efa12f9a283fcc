package io.github.richness.examples.paper;

import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * PyTorch's default initialisation of the modules of {@link GrokkingTransformer}, which the paper's run used
 * ("PyTorch default initialisation"), written into a DL4J graph after {@code init()}:
 * <ul>
 * <li>{@code nn.Embedding} (tokens, and the positions of {@link PositionalTerm}): N(0, 1);</li>
 * <li>{@code nn.MultiheadAttention}: the stacked query, key and value projection [3d, d] Xavier-uniform,
 *     U(±√(6 / (d + 3d))); the output projection as {@code nn.Linear}, U(±1 / √d);</li>
 * <li>{@code nn.Linear(nIn, nOut)} (the MLP and the output layer): weights and biases U(±1 / √nIn)
 *     (Kaiming-uniform with a = √5);</li>
 * <li>{@code nn.LayerNorm}: gain 1, bias 0 ({@link LayerNormalization}'s own start, left as it is).</li>
 * </ul>
 * The draws come from a {@link SplittableRandom} seeded with the run's seed, layer by layer in the graph's
 * topological order.
 */
final class TorchInitialisation {

    private TorchInitialisation() {
    }

    /**
     * @param network an initialised {@link GrokkingTransformer} graph; its parameters are overwritten
     * @param seed the seed of the draws
     * @throws IllegalArgumentException for a layer with parameters this class does not know
     */
    static void apply(ComputationGraph network, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int index : network.topologicalSortOrder()) {
            if (network.getVertices()[index].hasLayer()) {
                initialise(network.getVertices()[index].getLayer(), random);
            }
        }
    }

    private static void initialise(Layer layer, SplittableRandom random) {
        org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
        Map<String, INDArray> parameters = layer.paramTable();
        if (conf instanceof BaseWrapperLayer wrapper) {
            conf = wrapper.getUnderlying();
        }
        if (conf instanceof EmbeddingSequenceLayer) {
            normal(parameters.get("W"), random);
        } else if (conf instanceof PositionalTerm) {
            normal(parameters.get(PositionalTerm.POSITIONS), random);
        } else if (conf instanceof SelfAttentionLayer attention) {
            double xavier = Math.sqrt(6.0 / (attention.getNIn() + 3.0 * attention.getNIn()));
            for (String projection : new String[] {"Wq", "Wk", "Wv"}) {
                uniform(parameters.get(projection), xavier, random);
            }
            uniform(parameters.get("Wo"), 1 / Math.sqrt((double) attention.getNHeads() * attention.getHeadSize()), random);
        } else if (conf instanceof FeedForwardLayer linear) {
            double bound = 1 / Math.sqrt(linear.getNIn());
            for (INDArray parameter : parameters.values()) {
                uniform(parameter, bound, random);
            }
        } else if (!(conf instanceof LayerNormalization) && !parameters.isEmpty()) {
            throw new IllegalArgumentException("no PyTorch initialisation known for layer " + conf.getLayerName()
                    + " (" + conf.getClass().getSimpleName() + ")");
        }
    }

    private static void normal(INDArray parameter, SplittableRandom random) {
        double[] values = new double[(int) parameter.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = gaussian(random);
        }
        parameter.assign(Nd4j.create(values, parameter.shape()).castTo(parameter.dataType()));
    }

    private static void uniform(INDArray parameter, double bound, SplittableRandom random) {
        double[] values = new double[(int) parameter.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextDouble(-bound, bound);
        }
        parameter.assign(Nd4j.create(values, parameter.shape()).castTo(parameter.dataType()));
    }

    /** A standard normal draw (Box–Muller). */
    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
