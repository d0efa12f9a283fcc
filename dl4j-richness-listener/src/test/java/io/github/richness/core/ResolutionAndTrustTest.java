package io.github.richness.core;

import static io.github.richness.testing.TestArrays.matrix;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.testing.DenseReference;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two rules that decide what the probe resolves: the output rank of the projection D_LR, and the Nyström
 * trust limit of the spectrum (appendix J).
 */
class ResolutionAndTrustTest {

    private static final double DENSE_AGREEMENT = 1e-9;
    private static final double NUMERICAL_RANK = 1e-10;

    /**
     * The case, reproduced: n = 200, p = 12, three output directions, and a fourth of 3·10⁻⁸ of the
     * largest output variance (noise). With a round-off rank threshold the projection D_LR jumps from 0.723 to
     * 0.751; with the probe's resolution (1/n) the noise direction is left out and the value stays.
     */
    @Test
    void aNoiseDirectionBelowTheResolutionDoesNotMoveTheProjectionDistance() {
        double[][][] data = outputsWithATinyDirection(3e-8);
        double[][] features = data[0];
        double withoutNoise = DenseReference.projectionLowRankDistance(features, data[1], NUMERICAL_RANK);
        double withNoise = DenseReference.projectionLowRankDistance(features, data[2], NUMERICAL_RANK);
        assertEquals(0.723, withoutNoise, 5e-4, "the case of the issue, before");
        assertEquals(0.751, withNoise, 5e-4, "a round-off threshold counts the noise as a fourth dimension");
        RichnessResult result = Richness.analyze(matrix(features), matrix(features), matrix(data[2]), null);
        assertEquals(withoutNoise, result.projectionLowRankDistance(), 1e-6);
        assertEquals(3, result.distances().projectionRank());
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("projection D_LR: 1 output direction(s)")),
                result.warnings().toString());
        System.out.printf("projection D_LR, n = 200, 3 output directions: %.4f; with a 3e-8 noise direction"
                + " %.4f at a round-off rank threshold, %.4f at the 1/n resolution%n", withoutNoise, withNoise,
                result.projectionLowRankDistance());
    }

    /** A small but resolved direction (1 % of the largest variance, above 1/n = 0.5 %) still counts. */
    @Test
    void aSmallResolvedDirectionCounts() {
        double[][][] data = outputsWithATinyDirection(1e-2);
        RichnessResult result = Richness.analyze(matrix(data[0]), matrix(data[0]), matrix(data[2]), null);
        assertEquals(DenseReference.projectionLowRankDistance(data[0], data[2], NUMERICAL_RANK),
                result.projectionLowRankDistance(), DENSE_AGREEMENT);
        assertEquals(4, result.distances().projectionRank());
        assertTrue(result.warnings().stream().noneMatch(w -> w.startsWith("projection D_LR")), result.warnings().toString());
    }

    /**
     * The Gaussian power-law setup of appendix J.1.1, Φ ~ N(0, diag(k^−α)), where the true ρ_k are known: the
     * rule's K, computed from each sample alone, is within 20 % of K*, the last index whose actual RMS relative
     * error over the draws is at most 10 %; the eigenvalues it trusts are that accurate, those after it are not.
     */
    @ParameterizedTest(name = "n={0} p={1} alpha={2}")
    @CsvSource({"2000, 200, 1.0", "2000, 200, 2.0", "1000, 200, 1.0"})
    void trustLimitMatchesTheKnownErrorsOfThePowerLawSetup(int n, int p, double alpha) {
        int draws = 5;
        double[] rho = new double[p];
        for (int k = 0; k < p; k++) {
            rho[k] = Math.pow(k + 1, -alpha);
        }
        double[] squaredErrors = new double[p];
        int[] limits = new int[draws];
        Random random = new Random(61 + n + (long) (10 * alpha));
        for (int d = 0; d < draws; d++) {
            Spectrum spectrum = spectrum(gaussianFeatures(random, n, rho));
            double[] estimated = spectrum.eigenvalues();
            for (int k = 0; k < p; k++) {
                squaredErrors[k] += Math.pow((estimated[k] - rho[k]) / rho[k], 2) / draws;
            }
            limits[d] = NystromTrust.trustedCount(estimated, n, spectrum.significantCount());
        }
        int truth = 0;
        for (int k = 0; k < p; k++) {
            if (Math.sqrt(squaredErrors[k]) <= NystromTrust.RELATIVE_ERROR_LIMIT) {
                truth = k + 1;
            }
        }
        double trustedError = 0;
        double untrustedError = 0;
        int limit = limits[0];
        for (int k = 0; k < p; k++) {
            if (k < limit) {
                trustedError += squaredErrors[k] / limit;
            } else {
                untrustedError += squaredErrors[k] / (p - limit);
            }
        }
        System.out.printf("Nyström trust limit, n = %d, p = %d, alpha = %.1f: K = %s, K* = %d; RMS relative error"
                + " %.3f up to K, %.3f after%n", n, p, alpha, java.util.Arrays.toString(limits), truth,
                Math.sqrt(trustedError), Math.sqrt(untrustedError));
        for (int k : limits) {
            assertEquals(truth, k, 0.2 * truth, "K of one draw against K*");
        }
        assertTrue(Math.sqrt(trustedError) <= NystromTrust.RELATIVE_ERROR_LIMIT, "trusted eigenvalues are accurate");
        assertTrue(Math.sqrt(untrustedError) > NystromTrust.RELATIVE_ERROR_LIMIT, "the others are not");
    }

    /** A rich spectrum: the constant mode, 9 equal eigenvalues (a degenerate multiplet) and a small tail. */
    @Test
    void aDegenerateMultipletIsTrusted() {
        double[] rho = new double[60];
        rho[0] = 5.0;
        for (int k = 1; k < 10; k++) {
            rho[k] = 1.0;
        }
        for (int k = 10; k < 60; k++) {
            rho[k] = 1e-4 / (k - 9);
        }
        Spectrum spectrum = spectrum(gaussianFeatures(new Random(71), 1000, rho));
        int limit = NystromTrust.trustedCount(spectrum.eigenvalues(), 1000, spectrum.significantCount());
        assertTrue(limit >= 10, "the multiplet ρ_2 … ρ_10 is estimated well as a whole: K = " + limit);
    }

    @Test
    void aProbeOfFewerThanTwoHundredSamplesTrustsNoEigenvalue() {
        double[] rho = {1.0, 0.5, 0.25, 0.125};
        Spectrum spectrum = spectrum(gaussianFeatures(new Random(81), 150, rho));
        assertEquals(0, NystromTrust.trustedCount(spectrum.eigenvalues(), 150, spectrum.significantCount()),
                "√(2/150) = 11.5 % already exceeds 10 %");
        RichnessResult result = Richness.analyze(matrix(gaussianFeatures(new Random(82), 400, rho)),
                matrix(gaussianFeatures(new Random(83), 50, rho)),
                matrix(DenseReference.randomGaussian(84, 50, 2)), null);
        assertEquals(4, result.trustedEigenvalues(), "n = 400: the spectrum probe's size counts");
    }

    private static Spectrum spectrum(double[][] features) {
        ProbeMoments moments = new ProbeMoments(MomentLayout.featuresOnly(features[0].length));
        moments.accumulate(matrix(features), null, null, null);
        return Spectrum.of(moments, SymmetricKernels.forBackend());
    }

    private static double[][] gaussianFeatures(Random random, int n, double[] rho) {
        double[][] phi = new double[n][rho.length];
        for (double[] row : phi) {
            for (int k = 0; k < rho.length; k++) {
                row[k] = Math.sqrt(rho[k]) * random.nextGaussian();
            }
        }
        return phi;
    }

    /**
     * Features X (n = 200, p = 12, column k scaled by 1/√(k + 1)), outputs F = XW + 0.3 E (3 columns), and F
     * with a fourth column of independent noise whose variance is {@code share} of the largest output variance.
     */
    private static double[][][] outputsWithATinyDirection(double share) {
        int n = 200;
        int p = 12;
        double[][] x = DenseReference.randomGaussian(68, n, p);
        for (double[] row : x) {
            for (int k = 0; k < p; k++) {
                row[k] /= Math.sqrt(k + 1.0);
            }
        }
        double[][] f = DenseReference.matmul(x, DenseReference.randomGaussian(69, p, 3));
        double[][] noise = DenseReference.randomGaussian(70, n, 3);
        double[][] tiny = DenseReference.randomGaussian(71, n, 1);
        double[] mean = new double[3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                f[i][j] += 0.3 * noise[i][j];
                mean[j] += f[i][j] / n;
            }
        }
        double[][] centred = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 3; j++) {
                centred[i][j] = f[i][j] - mean[j];
            }
        }
        double largest = DenseReference.eigenvaluesDescending(centred)[0];
        double[][] withTiny = new double[n][4];
        for (int i = 0; i < n; i++) {
            System.arraycopy(f[i], 0, withTiny[i], 0, 3);
            withTiny[i][3] = Math.sqrt(share * largest) * tiny[i][0];
        }
        return new double[][][] {x, f, withTiny};
    }
}
