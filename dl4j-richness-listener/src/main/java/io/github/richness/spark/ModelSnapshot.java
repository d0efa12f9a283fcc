package io.github.richness.spark;

import io.github.richness.capture.UnsupportedModelException;
import io.github.richness.device.HostTransfer;
import java.io.Serializable;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a partition needs to rebuild the driver's model: its configuration as JSON and its flattened parameters
 * (batch normalisation's running statistics included) in ND4J's binary form, as DL4J's Spark evaluation
 * broadcasts them. Updater state and listeners are not sent: inference needs neither.
 *
 * @param graph whether the model is a ComputationGraph (else a MultiLayerNetwork)
 * @param configuration the configuration's JSON
 * @param parameters the parameters, see {@link HostTransfer#serialized}
 */
record ModelSnapshot(boolean graph, String configuration, byte[] parameters) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @param model a MultiLayerNetwork or ComputationGraph
     * @return its snapshot (a copy: later training does not change it)
     * @throws UnsupportedModelException for another model type
     */
    static ModelSnapshot of(Model model) {
        if (model instanceof MultiLayerNetwork network) {
            return new ModelSnapshot(false, network.getLayerWiseConfigurations().toJson(),
                    HostTransfer.serialized(network.params()));
        }
        if (model instanceof ComputationGraph graph) {
            return new ModelSnapshot(true, graph.getConfiguration().toJson(), HostTransfer.serialized(graph.params()));
        }
        throw new UnsupportedModelException("model type " + model.getClass().getName()
                + " is not supported; use a MultiLayerNetwork or a ComputationGraph");
    }

    /** @return a new model with the snapshot's configuration and parameters */
    Model restore() {
        INDArray values = Nd4j.fromByteArray(parameters);
        if (graph) {
            ComputationGraph model = new ComputationGraph(ComputationGraphConfiguration.fromJson(configuration));
            model.init(values, false);
            return model;
        }
        MultiLayerNetwork model = new MultiLayerNetwork(MultiLayerConfiguration.fromJson(configuration));
        model.init(values, false);
        return model;
    }

    /** @return the bytes a broadcast of this snapshot carries (parameters and UTF-16 configuration) */
    long bytes() {
        return parameters.length + 2L * configuration.length();
    }
}
