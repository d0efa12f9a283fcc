package io.github.richness.examples.paper;

import static io.github.richness.examples.paper.RandomArrays.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.examples.data.ModularTokens;
import java.util.Set;
import java.util.SplittableRandom;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * DL4J's numerical gradient check ({@link GradientCheckUtil}: central differences, ε = 10⁻⁶, relative error at
 * most 10⁻³ unless both gradients are under 10⁻⁸ in absolute value) of the transformer's SameDiff layers, each
 * alone on a sequence input x [n, d, T] before an MSE output on every position, and of a small
 * {@link GrokkingTransformer} (width 4, two heads, p = 5: vocabulary 7): one block, every parameter but the two
 * MLP weight matrices (DL4J's dense layers; their biases are checked), in the default suite, and two blocks, every
 * parameter, tagged slow (M2.1's {@code subset} option is ignored by the graph check). All in double precision. Also
 * the DL4J 1.0.0-M2.1 fault they work around: DL4J's own {@link SelfAttentionLayer} returns exactly twice the
 * gradient of {@link ExactSelfAttentionLayer} with the same parameters.
 */
class TransformerGradientTest {

    private static final int N = 3;
    private static final int D = 4;
    private static final int T = 3;
    private static final int HEADS = 2;
    private static final int MODULUS = 5;
    private static final double STEP = 1e-6;
    private static final double MAX_RELATIVE_ERROR = 1e-3;
    private static final double MIN_ABSOLUTE_ERROR = 1e-8;

    private static DataType defaultType;
    private static DataType defaultFloatingType;

    @BeforeAll
    static void doublePrecision() {
        defaultType = Nd4j.dataType();
        defaultFloatingType = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restorePrecision() {
        Nd4j.setDefaultDataTypes(defaultType, defaultFloatingType);
    }

    @Test
    void positionalTermPassesTheGradientCheck() {
        ComputationGraph graph = sequenceGraph(new PositionalTerm(D, T));
        graph.getLayer("layer").getParam(PositionalTerm.POSITIONS).assign(uniform(new SplittableRandom(1), 1, D, T));
        assertTrue(check(graph, uniform(new SplittableRandom(2), N, D, T),
                uniform(new SplittableRandom(3), N, 2, T), Set.of()));
    }

    @Test
    void layerNormalizationPassesTheGradientCheck() {
        ComputationGraph graph = sequenceGraph(new LayerNormalization(D, LayerNormalization.DEFAULT_EPSILON));
        SplittableRandom random = new SplittableRandom(4);
        graph.getLayer("layer").getParam(LayerNormalization.GAIN).assign(uniform(random, 1, D).addi(1.5));
        graph.getLayer("layer").getParam(LayerNormalization.BIAS).assign(uniform(random, 1, D));
        assertTrue(check(graph, uniform(random, N, D, T).muli(2).addi(1), uniform(random, N, 2, T), Set.of()));
    }

    @Test
    void selfAttentionPassesTheGradientCheck() {
        ComputationGraph graph = sequenceGraph(new ExactSelfAttentionLayer(D, HEADS));
        SplittableRandom random = new SplittableRandom(5);
        graph.params().assign(uniform(random, 1, graph.numParams()));
        assertTrue(check(graph, uniform(random, N, D, T), uniform(random, N, 2, T), Set.of()));
    }

    @Test
    void oneBlockTransformerPassesTheGradientCheck() {
        Set<String> mlpWeights = Set.of("block1-mlp1_W", "block1-mlp2_W");
        assertTrue(checkTransformer(1, mlpWeights));
    }

    @Test
    @Tag("slow")
    void twoBlockTransformerPassesTheGradientCheckOnEveryParameter() {
        assertTrue(checkTransformer(2, Set.of()));
    }

    /** A {@link GrokkingTransformer} of width 4, two heads, p = 5, PyTorch's initialisation, three equations. */
    private static boolean checkTransformer(int blocks, Set<String> excluded) {
        ComputationGraphConfiguration conf = GrokkingTransformer.configuration(MODULUS,
                new GrokkingTransformer.Shape(D, HEADS, blocks), new NoOp(), 0, 6);
        conf.setDataType(DataType.DOUBLE);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()), "JSON round trip");
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        TorchInitialisation.apply(graph, 6);
        SplittableRandom random = new SplittableRandom(7);
        INDArray tokens = Nd4j.create(DataType.DOUBLE, N, ModularTokens.LENGTH);
        for (int i = 0; i < N; i++) {
            tokens.putRow(i, Nd4j.createFromArray((double) random.nextInt(MODULUS), MODULUS + 1,
                    random.nextInt(MODULUS), MODULUS));
        }
        return check(graph, tokens, uniform(random, N, MODULUS), excluded);
    }

    @Test
    void dl4jSelfAttentionDoublesTheGradient() {
        SplittableRandom random = new SplittableRandom(8);
        INDArray x = uniform(random, N, D, T);
        INDArray y = uniform(random, N, 2, T);
        ComputationGraph exact = sequenceGraph(new ExactSelfAttentionLayer(D, HEADS));
        exact.params().assign(uniform(random, 1, exact.numParams()));
        ComputationGraph dl4j = sequenceGraph(new SelfAttentionLayer.Builder().nIn(D).nOut(D).nHeads(HEADS)
                .projectInput(true).build());
        dl4j.params().assign(exact.params());
        INDArray exactGradient = gradient(exact, x, y);
        INDArray dl4jGradient = gradient(dl4j, x, y);
        long attention = exact.getLayer("layer").numParams();
        for (long i = 0; i < exactGradient.length(); i++) {
            double factor = i < attention ? 2 : 1;
            assertEquals(factor * exactGradient.getDouble(i), dl4jGradient.getDouble(i),
                    1e-12 * Math.max(1, Math.abs(dl4jGradient.getDouble(i))), "parameter " + i);
        }
    }

    private static INDArray gradient(ComputationGraph graph, INDArray x, INDArray y) {
        graph.setInputs(x);
        graph.setLabels(y);
        graph.computeGradientAndScore();
        return graph.gradient().gradient().dup();
    }

    private static boolean check(ComputationGraph graph, INDArray input, INDArray labels, Set<String> excluded) {
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig().net(graph)
                .inputs(new INDArray[] {input}).labels(new INDArray[] {labels}).epsilon(STEP)
                .maxRelError(MAX_RELATIVE_ERROR).minAbsoluteError(MIN_ABSOLUTE_ERROR).excludeParams(excluded));
    }

    /** x [n, d, T] → the layer → MSE on two tanh outputs per position. */
    private static ComputationGraph sequenceGraph(Layer layer) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("x")
                .addLayer("layer", layer, "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.TANH)
                        .dataFormat(RNNFormat.NCW).nIn(D).nOut(2).build(), "layer")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
