package io.github.richness.capture;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Step one of the data flow (<b>capture</b> → moments → maths → record → reporters): runs the model's own
 * inference forward pass on a probe minibatch and returns the features Φ entering its last linear layer and
 * that layer's output f̂.
 *
 * <p>Inference mode: dropout off, batch normalisation with its running statistics. The forward pass is the
 * listener's own, never the arrays DL4J hands to {@code onForwardPass}, which live in training workspaces.
 * The model's stored inputs, labels, masks and layer inputs are left as they were (see {@link ModelState}).
 * Must be called with no ND4J workspace open on the thread (DL4J asserts it). The arrays returned are detached
 * but may be the capture's own reused storage: they are valid until the capture's next call ({@code dup()} them
 * to keep them).
 *
 * <p>Masks: the forward pass uses the probe minibatch's own features mask and nothing else. At
 * {@code ITERATION_END} the model's layers still hold the last training minibatch's mask; it is cleared
 * before the probe's forward pass (so it neither changes the probe's features nor fails on another
 * minibatch size) and put back after it, with the model's other state. {@code LastTimeStep} then takes each
 * sample's last unmasked step and {@code GlobalPoolingLayer} pools over the unmasked steps, exactly as DL4J's
 * own masked {@code feedForward}/{@code output} do. What is refused, and why: {@link ProbeInput}.
 */
public interface ActivationCapture {

    /**
     * @param batch a probe minibatch: its features in the shape the model takes, and its masks if it has any
     * @return the detached activations, one row per sample of the minibatch, valid until the next call
     * @throws UnsupportedModelException if the model's structure cannot be measured
     * @throws IllegalArgumentException if the minibatch's masks do not fit its features or labels, mask a whole
     *         sample, or exclude labels ({@link ProbeInput})
     */
    Activations capture(DataSet batch);

    /**
     * The features alone, without the head's output (for the reference model of S_init and the spectrum
     * probe, which need Φ only): the same forward pass as {@link #capture(DataSet)}, without φW + b; the
     * labels and their mask are not looked at.
     *
     * @param batch a probe minibatch: its features, and its features mask if it has one
     * @return the detached features Φ (n × p), valid until the next call
     * @throws UnsupportedModelException if the model's structure cannot be measured
     * @throws IllegalArgumentException if the features mask does not fit the features or masks a whole sample
     */
    INDArray features(DataSet batch);

    /**
     * The head's activations and the selected layers' outputs from one forward pass (as {@link #capture},
     * run up to the last layer needed), with masks and model state handled as there.
     *
     * @param batch a probe minibatch
     * @param layers layers resolved by {@link #resolve} against this model (or one of the same structure)
     * @return the detached activations
     * @throws UnsupportedModelException if the model's structure cannot be measured
     * @throws IllegalArgumentException as {@link #capture} does
     */
    LayerActivations capture(DataSet batch, List<SelectedLayer> layers);

    /**
     * @param selection the layers to measure besides the head
     * @return the selected layers of this model, in the order of the forward pass
     * @throws UnsupportedModelException naming the layer if a selected one does not exist, or if the
     *         selection does not fit the model's type (indices for a graph)
     */
    List<SelectedLayer> resolve(LayerSelection selection);

    /** @return which layer is the linear head, for records and messages: its name and type, e.g. {@code layer 3 (OutputLayer)} */
    String head();

    /** @return the linear head's name: {@code layer i} in a MultiLayerNetwork, {@code 'name'} in a ComputationGraph */
    String headName();

    /** @return the linear head's DL4J layer class, e.g. {@code OutputLayer} */
    String headType();

    /**
     * Chooses the capture for a model.
     *
     * @param model a {@link MultiLayerNetwork} or a single-input {@link ComputationGraph}
     * @param outputLayer for a graph, the name of the output layer to measure; null to use the only one
     * @param mode which output to capture
     * @return the capture
     * @throws UnsupportedModelException for another model type or an unsupported structure
     */
    static ActivationCapture of(Model model, String outputLayer, OutputMode mode) {
        if (model instanceof MultiLayerNetwork network) {
            return new MultiLayerCapture(network, mode);
        }
        if (model instanceof ComputationGraph graph) {
            return new GraphCapture(graph, outputLayer, mode);
        }
        throw new UnsupportedModelException("model type " + model.getClass().getName()
                + " is not supported; use a MultiLayerNetwork or a ComputationGraph");
    }
}
