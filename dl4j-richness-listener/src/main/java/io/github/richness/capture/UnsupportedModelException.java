package io.github.richness.capture;

/** The model's structure is one the richness measure cannot be computed for; the message names the layer and why. */
public final class UnsupportedModelException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is unsupported: the layer's name or index, its type, and the reason */
    public UnsupportedModelException(String message) {
        super(message);
    }
}
