package io.github.richness.examples.paper;

import io.github.richness.capture.LayerSelection;
import io.github.richness.examples.QuickStart;
import io.github.richness.examples.cifar.CifarDataset;
import io.github.richness.examples.cifar.CifarLoss;
import io.github.richness.examples.cifar.CifarRecipe;
import io.github.richness.examples.cifar.NetworkSpec;
import io.github.richness.examples.cifar.ResNet18Cifar;
import io.github.richness.listener.RichnessListener;
import io.github.richness.record.RichnessRecord;
import java.util.Arrays;
import java.util.Locale;
import org.deeplearning4j.nn.api.Model;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cost of layer-wise richness (dl4j-richness-listener/PERFORMANCE.md): the measurement time of the
 * quick start's MLP, {@link MnistCnn} and a narrow ResNet18 with every layer with parameters selected, against the
 * head alone, on a random probe (the time does not depend on the values). Median of the repeats after one
 * warm-up measurement; spectra off for both, so the difference is the layers' forward-pass reads, moments and
 * distances. Not a test: run it by hand, e.g.
 * {@code mvn -B -q -pl dl4j-richness-examples -am compile exec:java -Dexec.mainClass=io.github.richness.examples.paper.LayerCost -Dexec.args="256 3"}.
 */
public final class LayerCost {

    private static final Logger LOG = LoggerFactory.getLogger(LayerCost.class);

    private LayerCost() {
    }

    /**
     * @param args probe samples (default 256), repeats (default 3), ResNet18 width (default 0.125)
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        double width = args.length > 2 ? Double.parseDouble(args[2]) : 0.125;
        report("QuickStart MLP", QuickStart.network(), probe(samples, new long[] {samples, 784}), repeats);
        report("MnistCnn 16,32", MnistCnn.network(16, 32, 1e-3, Double.parseDouble(MnistCnn.WEIGHT_DECAY), 1),
                probe(samples, new long[] {samples, 784}), repeats);
        CifarDataset cifar = CifarDataset.parse("cifar10");
        NetworkSpec spec = new NetworkSpec(cifar.classes(), width, CifarLoss.MSE,
                CifarRecipe.paper(CifarRecipe.Architecture.RESNET18, cifar), 1);
        report("ResNet18 width " + width, ResNet18Cifar.build(spec), probe(samples, new long[] {samples, 3, 32, 32}),
                repeats);
    }

    private static void report(String name, Model model, DataSet probe, int repeats) {
        RichnessListener head = RichnessListener.builder(probe).logRecords(false).spectra(false).build();
        RichnessListener layers = RichnessListener.builder(probe).logRecords(false).spectra(false)
                .layers(LayerSelection.everyLayerWithParameters()).build();
        double headMs = median(head, model, repeats);
        double layersMs = median(layers, model, repeats);
        RichnessRecord record = layers.measureNow(model);
        LOG.info(String.format(Locale.ROOT, "%s: %d layer quantities; head alone %.0f ms, every layer %.0f ms (%.1f x)",
                name, record.layers().size(), headMs, layersMs, layersMs / headMs));
    }

    private static double median(RichnessListener listener, Model model, int repeats) {
        listener.measureNow(model);
        double[] times = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            RichnessRecord record = listener.measureNow(model);
            times[i] = (System.nanoTime() - start) / 1e6;
            if (!record.ok()) {
                throw new IllegalStateException(record.failure());
            }
        }
        Arrays.sort(times);
        return times[repeats / 2];
    }

    private static DataSet probe(int samples, long[] shape) {
        Nd4j.getRandom().setSeed(1);
        DataSet data = new DataSet(Nd4j.rand(DataType.FLOAT, shape), Nd4j.eye(10).castTo(DataType.FLOAT)
                .repeat(0, (samples + 9) / 10).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, samples),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()));
        return data;
    }
}
