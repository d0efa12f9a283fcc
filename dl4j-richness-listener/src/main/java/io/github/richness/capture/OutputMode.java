package io.github.richness.capture;

/**
 * Which network output f̂ is compared with the features.
 *
 * <p>The paper trains with MSE on the network's linear output, so f̂ is the last layer's linear output
 * φW + b; with a softmax (cross-entropy) head that is the logits. This is the default. The post-activation
 * output (softmax probabilities) is offered for comparison: it is a non-linear function of the features, so
 * D_LR computed from it is not the paper's quantity.
 */
public enum OutputMode {
    /** f̂ = φW + b, before the output activation (the logits of a softmax head). The default. */
    PRE_ACTIVATION,
    /** f̂ = σ(φW + b), the network's output after its activation function(s). */
    POST_ACTIVATION
}
