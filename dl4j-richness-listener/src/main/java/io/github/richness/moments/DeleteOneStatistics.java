package io.github.richness.moments;

/**
 * For each block b of a {@link BlockedMoments}, the statistics of the probe without that block that D_LR and the
 * debiased D_LR need: with X, Y the delete-one probe's features and outputs centred on its own means, entry b of
 * each array is
 *
 * @param counts n_(b), the samples without block b
 * @param crossSquared ‖XᵀY‖²_F
 * @param featureNormSquared ‖XᵀX‖²_F
 * @param outputNormSquared ‖YᵀY‖²_F
 * @param featureTrace Tr XᵀX = Σ‖xᵢ‖²
 * @param outputTrace Tr YᵀY = Σ‖yᵢ‖²
 * @param rowNorms Σ‖xᵢ‖⁴, Σ‖xᵢ‖²‖yᵢ‖², Σ‖yᵢ‖⁴
 */
public record DeleteOneStatistics(long[] counts, double[] crossSquared, double[] featureNormSquared,
                                  double[] outputNormSquared, double[] featureTrace, double[] outputTrace,
                                  RowNormMoments[] rowNorms) {

    /** @return B, the number of delete-one probes */
    public int size() {
        return counts.length;
    }
}
