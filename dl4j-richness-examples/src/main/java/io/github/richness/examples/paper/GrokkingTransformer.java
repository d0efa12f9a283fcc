package io.github.richness.examples.paper;

import io.github.richness.examples.data.ModularTokens;
import java.util.Map;
import java.util.TreeMap;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The paper's grokking model (figure 12, table 3; the decoder of teddykoker/grokking) as a DL4J
 * {@link ComputationGraph}: the equation "a ∘ b =" as four tokens ({@link ModularTokens}), token embeddings
 * ({@code EmbeddingSequenceLayer}, no bias) plus learned position embeddings ({@link PositionalTerm}), then
 * {@code blocks} pre-norm blocks, each
 * <pre>
 *   x = LN₁(h);  x = x + Attention(x);  h' = x + MLP(LN₂(x)),   MLP = Linear(d, 4d) → GELU → Linear(4d, d)
 * </pre>
 * (the residual starts from the normalised x, as in teddykoker's {@code Block}), a final layer norm, the last
 * position ("=") as the feature vector Φ ∈ ℝ^d ({@code LastTimeStepVertex}) and a linear output of p classes
 * without bias, trained with MSE on one-hot targets (α = 1, the paper's loss; teddykoker uses cross-entropy).
 * Attention is DL4J's {@link SelfAttentionLayer} ({@code d / heads} per head, scaled dot products, query, key,
 * value and output projections without biases) as {@link ExactSelfAttentionLayer}, the MLP is a
 * {@link TimeDistributed} dense layer per position with the exact GELU ({@link ActivationExactGelu}), layer norm is
 * {@link LayerNormalization}. The listener measures Φ: the input of the output layer.
 *
 * <p>Optimiser: Adam with β = (0.9, 0.98), ε = 10⁻⁸ (table 10) and teddykoker's linear warm-up, learning rate
 * η · min(k / 10, 1) at update k = 0, 1, …; decoupled weight decay when asked for (the paper: 0). The starting
 * parameters are PyTorch's defaults ({@link TorchInitialisation}).
 *
 * <p>Deviations from the PyTorch model that DL4J 1.0.0-M2.1 imposes: the attention is not causal
 * ({@code SelfAttentionLayer} takes a padding mask [n, T] only, no [T, T] attention mask; only the last
 * position is read, where a causal and a full mask agree in the last block, not in the first), and its four
 * projections have no biases (PyTorch's start at zero and are trained).
 *
 * <p>Every SameDiff layer here (the attention, the layer norms, the positions) is one of ours with the exact
 * gradient ({@link ExactGradientSameDiffLayer}): DL4J 1.0.0-M2.1's own SameDiff layers return twice the gradient.
 * DL4J's numerical gradient check passes on each layer and on the whole graph (TransformerGradientTest,
 * EXPERIMENTS.md §5.1).
 */
public final class GrokkingTransformer {

    /** The graph's input: token indices [n, T]. */
    public static final String INPUT = "tokens";
    /** The vertex whose output is Φ: the normalised features of the last position. */
    public static final String FEATURES = "last-position";
    /** The output layer. */
    public static final String OUTPUT = "output";
    /** The updates of teddykoker's linear learning-rate warm-up. */
    public static final int WARM_UP_UPDATES = 10;
    /** The paper's model: width 128, 4 heads, 2 blocks (teddykoker/grokking, after Power et al. 2022). */
    public static final Shape PAPER = new Shape(128, 4, 2);

    private static final double ADAM_BETA2 = 0.98;
    private static final int MLP_EXPANSION = 4;

    private GrokkingTransformer() {
    }

    /**
     * The transformer's size.
     *
     * @param width d, the features per position (divisible by heads)
     * @param heads attention heads
     * @param blocks transformer blocks
     */
    public record Shape(int width, int heads, int blocks) {
        /** Checks the sizes. */
        public Shape {
            if (width < 1 || heads < 1 || blocks < 1 || width % heads != 0) {
                throw new IllegalArgumentException("a transformer needs positive sizes and heads dividing the width, got "
                        + width + ", " + heads + " heads, " + blocks + " blocks");
            }
        }
    }

    /**
     * @param modulus p: p output classes, p + 2 tokens
     * @param shape width, heads, blocks
     * @param learningRate η after the warm-up
     * @param weightDecay decoupled weight decay coefficient (0: none)
     * @param seed the initialisation seed
     * @return the initialised network, PyTorch's default initialisation
     */
    public static ComputationGraph network(int modulus, Shape shape, double learningRate, double weightDecay, long seed) {
        ComputationGraph network = new ComputationGraph(configuration(modulus, shape, learningRate, weightDecay, seed));
        network.init();
        TorchInitialisation.apply(network, seed);
        return network;
    }

    /**
     * @param modulus p
     * @param shape width, heads, blocks
     * @param learningRate η after the warm-up
     * @param weightDecay decoupled weight decay coefficient (0: none)
     * @param seed DL4J's seed (its initialisation is replaced by {@link TorchInitialisation})
     * @return the graph configuration described above
     */
    public static ComputationGraphConfiguration configuration(int modulus, Shape shape, double learningRate,
                                                              double weightDecay, long seed) {
        return configuration(modulus, shape, adam(learningRate), weightDecay, seed);
    }

    /**
     * @param modulus p
     * @param shape width, heads, blocks
     * @param updater the updater (a gradient check needs {@code NoOp})
     * @param weightDecay decoupled weight decay coefficient (0: none)
     * @param seed DL4J's seed
     * @return the graph configuration with that updater
     */
    static ComputationGraphConfiguration configuration(int modulus, Shape shape, IUpdater updater, double weightDecay,
                                                       long seed) {
        int width = shape.width();
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed).updater(updater).weightDecay(weightDecay)
                .graphBuilder()
                .addInputs(INPUT)
                .addLayer("embedding", new EmbeddingSequenceLayer.Builder().nIn(ModularTokens.vocabulary(modulus))
                        .nOut(width).inputLength(ModularTokens.LENGTH).hasBias(false)
                        .outputDataFormat(RNNFormat.NCW).build(), INPUT)
                .addLayer("positions", new PositionalTerm(width, ModularTokens.LENGTH), "embedding");
        String previous = "positions";
        for (int block = 1; block <= shape.blocks(); block++) {
            previous = block(graph, "block" + block, previous, shape);
        }
        ComputationGraphConfiguration conf = graph
                .addLayer("ln-final", new LayerNormalization(width, LayerNormalization.DEFAULT_EPSILON), previous)
                .addVertex(FEATURES, new LastTimeStepVertex(INPUT), "ln-final")
                .addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .hasBias(false).nIn(width).nOut(modulus).build(), FEATURES)
                .setOutputs(OUTPUT)
                .build();
        conf.setValidateOutputLayerConfig(false); // MSE on identity outputs, evaluated as a classifier (argmax)
        return conf;
    }

    /** One block, vertices named {@code name-*}; returns the name of its output. */
    private static String block(ComputationGraphConfiguration.GraphBuilder graph, String name, String input, Shape shape) {
        int width = shape.width();
        graph.addLayer(name + "-ln1", new LayerNormalization(width, LayerNormalization.DEFAULT_EPSILON), input)
                .addLayer(name + "-attention", new ExactSelfAttentionLayer(width, shape.heads()), name + "-ln1")
                .addVertex(name + "-residual1", new ElementWiseVertex(ElementWiseVertex.Op.Add),
                        name + "-ln1", name + "-attention")
                .addLayer(name + "-ln2", new LayerNormalization(width, LayerNormalization.DEFAULT_EPSILON),
                        name + "-residual1")
                .addLayer(name + "-mlp1", new TimeDistributed(new DenseLayer.Builder().nIn(width)
                        .nOut((long) MLP_EXPANSION * width).activation(new ActivationExactGelu()).build(), RNNFormat.NCW),
                        name + "-ln2")
                .addLayer(name + "-mlp2", new TimeDistributed(new DenseLayer.Builder().nIn((long) MLP_EXPANSION * width)
                        .nOut(width).activation(Activation.IDENTITY).build(), RNNFormat.NCW), name + "-mlp1")
                .addVertex(name, new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "-residual1", name + "-mlp2");
        return name;
    }

    /** Adam (0.9, 0.98), ε = 10⁻⁸, with the learning rate η · min(k / 10, 1) at update k. */
    private static Adam adam(double learningRate) {
        Map<Integer, Double> warmUp = new TreeMap<>();
        for (int update = 0; update <= WARM_UP_UPDATES; update++) {
            warmUp.put(update, learningRate * update / WARM_UP_UPDATES);
        }
        return Adam.builder().learningRateSchedule(new MapSchedule(ScheduleType.ITERATION, warmUp))
                .beta1(Adam.DEFAULT_ADAM_BETA1_MEAN_DECAY).beta2(ADAM_BETA2).epsilon(Adam.DEFAULT_ADAM_EPSILON).build();
    }
}
