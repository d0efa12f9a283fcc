package io.github.richness.core;

import static io.github.richness.testing.TestArrays.matrix;
import static io.github.richness.testing.TestArrays.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.richness.device.SymmetricKernels;
import io.github.richness.moments.Block;
import io.github.richness.moments.BlockedMoments;
import io.github.richness.moments.DeleteOneStatistics;
import io.github.richness.moments.ErrorBarPlan;
import io.github.richness.moments.MomentLayout;
import io.github.richness.moments.ProbeMoments;
import io.github.richness.moments.RowNormMoments;
import io.github.richness.testing.DenseReference;
import io.github.richness.testing.TestArrays;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jackknife standard errors, tested as a statistician would: on Gaussian data with a known population
 * D_LR, the reported standard error must match the spread of D_LR over independent probes.
 */
class JackknifeTest {

    private static final int P = 8;
    private static final int C = 3;
    private static final int N = 400;
    private static final int BLOCKS = 20;
    private static final MomentLayout LAYOUT = new MomentLayout(P, C, 0, false, false);
    /** φ ~ N(0, diag(1/k)), f = Wᵀφ + ε with ε ~ N(0, I): the population D_LR has a closed form. */
    private static final double[][] W = DenseReference.randomGaussian(99, P, C);

    /** The test: 200 independent probes, the RMS reported se within 20 % of the spread of D_LR. */
    @Test
    @Tag("slow")
    void standardErrorMatchesTheSpreadOverTwoHundredProbes() {
        Spread spread = spreadOver(200);
        assertRatio(spread, 0.2);
        System.out.printf("jackknife over %d probes of n = %d, B = %d: RMS se / sd = %.3f (D_LR), %.3f (debiased);"
                + " mean D_LR %.4f, mean debiased %.4f, population %.4f%n", spread.probes, N, BLOCKS,
                spread.rmsSePlain / spread.sdPlain, spread.rmsSeDebiased / spread.sdDebiased, spread.meanPlain,
                spread.meanDebiased, populationLowRankDistance());
        double truth = populationLowRankDistance();
        double meanError = spread.sdDebiased / Math.sqrt(spread.probes);
        assertEquals(truth, spread.meanDebiased, 3 * meanError, "the debiased D_LR is unbiased: mean over probes "
                + spread.meanDebiased + ", population " + truth + " (plain D_LR: mean " + spread.meanPlain + ")");
    }

    /** The quick version: 40 probes, so the ratio is itself uncertain by about 12 %; within 35 %. */
    @Test
    void standardErrorMatchesTheSpreadOverFortyProbes() {
        assertRatio(spreadOver(40), 0.35);
    }

    /** The delete-one statistics against a fresh accumulation of the other blocks' rows (i mod B ≠ b). */
    @Test
    void deleteOneStatisticsEqualAnAccumulationOfTheOtherBlocks() {
        double[][][] plain = probe(new Random(5));
        double[][][] data = {TestArrays.affine(plain[0], 1.0, 1e3), TestArrays.affine(plain[1], 1.0, -1e3)};
        assertDeleteOneEqualsTheOtherBlocks(data, accumulate(data, 37, BLOCKS), new int[] {0, 7, BLOCKS - 1});
    }

    /**
     * A reset forgets the blocks without zeroing them: the next pass, whose first minibatch (7 rows) reaches only 7
     * of the 20 blocks, gives the statistics of its own samples alone.
     */
    @Test
    void aResetForgetsTheBlocksOfTheFormerPass() {
        double[][][] former = probe(new Random(6));
        double[][][] data = probe(new Random(7), 200);
        BlockedMoments blocked = accumulate(former, 64, BLOCKS);
        blocked.deleteOne();
        blocked.reset();
        assertThrows(IllegalStateException.class, blocked::deleteOne, "no sample since the reset");
        int start = 0;
        for (int size : new int[] {7, 100, 93}) {
            blocked.accumulate(matrix(rows(data[0], start, start + size)), matrix(rows(data[1], start, start + size)),
                    null, null);
            start += size;
        }
        assertDeleteOneEqualsTheOtherBlocks(data, blocked, new int[] {0, 6, 7, BLOCKS - 1});
    }

    /** Wide blocks (p = 1024, C = 2: 8.4 MB per block Gram matrix) give the same statistics. */
    @Test
    void wideBlocksGiveTheSameStatistics() {
        int p = 1024;
        int blocks = 3;
        Random random = new Random(12);
        double[][] phi = new double[45][p];
        double[][] f = new double[45][2];
        for (int i = 0; i < phi.length; i++) {
            for (int k = 0; k < p; k++) {
                phi[i][k] = random.nextGaussian() + 2.0;
            }
            f[i][0] = phi[i][0] - phi[i][3] + random.nextGaussian();
            f[i][1] = phi[i][1] + 0.5 * random.nextGaussian();
        }
        MomentLayout wide = new MomentLayout(p, 2, 0, false, false);
        BlockedMoments blocked = new BlockedMoments(wide, ErrorBarPlan.of(wide, blocks, Long.MAX_VALUE),
                SymmetricKernels.forBackend());
        blocked.accumulate(matrix(rows(phi, 0, 20)), matrix(rows(f, 0, 20)), null, null);
        blocked.accumulate(matrix(rows(phi, 20, 45)), matrix(rows(f, 20, 45)), null, null);
        assertDeleteOneEqualsTheOtherBlocks(new double[][][] {phi, f}, blocked, new int[] {0, 1, 2});
    }

    /** One output column and one feature: every part of the read-out is a single column. */
    @Test
    void aSingleFeatureAndOutputAreReadOutLikeAnyOther() {
        Random random = new Random(13);
        double[][] phi = new double[40][1];
        double[][] f = new double[40][1];
        for (int i = 0; i < phi.length; i++) {
            phi[i][0] = random.nextGaussian() - 3.0;
            f[i][0] = 2.0 * phi[i][0] + random.nextGaussian();
        }
        MomentLayout single = new MomentLayout(1, 1, 0, false, false);
        BlockedMoments blocked = new BlockedMoments(single, ErrorBarPlan.of(single, 4, Long.MAX_VALUE),
                SymmetricKernels.forBackend());
        blocked.accumulate(matrix(rows(phi, 0, 15)), matrix(rows(f, 0, 15)), null, null);
        blocked.accumulate(matrix(rows(phi, 15, 40)), matrix(rows(f, 15, 40)), null, null);
        assertDeleteOneEqualsTheOtherBlocks(new double[][][] {phi, f}, blocked, new int[] {0, 1, 2, 3});
    }

    private static void assertDeleteOneEqualsTheOtherBlocks(double[][][] data, BlockedMoments blocked, int[] checked) {
        DeleteOneStatistics statistics = blocked.deleteOne();
        int n = data[0].length;
        int blocks = blocked.blockCount();
        MomentLayout layout = new MomentLayout(data[0][0].length, data[1][0].length, 0, false, false);
        for (int block : checked) {
            int[] kept = java.util.stream.IntStream.range(0, n).filter(i -> i % blocks != block).toArray();
            ProbeMoments others = new ProbeMoments(layout);
            others.accumulate(matrix(java.util.Arrays.stream(kept).mapToObj(i -> data[0][i]).toArray(double[][]::new)),
                    matrix(java.util.Arrays.stream(kept).mapToObj(i -> data[1][i]).toArray(double[][]::new)), null,
                    null);
            assertEquals(n - n / blocks, statistics.counts()[block], "interleaved blocks of equal size");
            assertEquals(others.count(), statistics.counts()[block]);
            double cross = others.centred(Block.FEATURES, Block.OUTPUTS).norm2Number().doubleValue();
            assertRelative(cross * cross, statistics.crossSquared()[block]);
            assertRelative(Math.pow(others.centredNorm(Block.FEATURES), 2), statistics.featureNormSquared()[block]);
            assertRelative(Math.pow(others.centredNorm(Block.OUTPUTS), 2), statistics.outputNormSquared()[block]);
            assertRelative(others.diagonal(Block.FEATURES).sumNumber().doubleValue(), statistics.featureTrace()[block]);
            assertRelative(others.diagonal(Block.OUTPUTS).sumNumber().doubleValue(), statistics.outputTrace()[block]);
            RowNormMoments expected = others.centredRowNorms();
            assertRelative(expected.featureFourth(), statistics.rowNorms()[block].featureFourth());
            assertRelative(expected.cross(), statistics.rowNorms()[block].cross());
            assertRelative(expected.outputFourth(), statistics.rowNorms()[block].outputFourth());
        }
    }

    /** Samples go to blocks by their index in the probe, so the minibatch size does not change the error bars. */
    @ParameterizedTest(name = "minibatch {0}")
    @ValueSource(ints = {1, 7, 32})
    void standardErrorsDoNotDependOnTheMinibatchSize(int batch) {
        double[][][] data = probe(new Random(6), 90);
        RichnessResult whole = RichnessAnalysis.distancesOnly(accumulate(data, 90, BLOCKS),
                SymmetricKernels.forBackend());
        RichnessResult streamed = RichnessAnalysis.distancesOnly(accumulate(data, batch, BLOCKS),
                SymmetricKernels.forBackend());
        assertEquals(whole.lowRankDistanceStandardError(), streamed.lowRankDistanceStandardError(), 1e-12);
        assertEquals(whole.debiasedLowRankDistanceStandardError(), streamed.debiasedLowRankDistanceStandardError(),
                1e-12);
        assertEquals(whole.lowRankDistance(), streamed.lowRankDistance(), 1e-12, "the total is the unblocked probe");
        assertEquals(BLOCKS, streamed.distances().standardErrors().blocks());
    }

    @Test
    void aShortBudgetReducesTheBlocksAndSaysSo() {
        long perBlock = ErrorBarPlan.bytesPerBlock(LAYOUT);
        ErrorBarPlan reduced = ErrorBarPlan.of(LAYOUT, BLOCKS, 7 * perBlock);
        assertEquals(5, reduced.blocks(), "7 accumulators: 5 blocks and the 2 working copies");
        RichnessResult result = RichnessAnalysis.distancesOnly(accumulate(probe(new Random(7)), 50, reduced),
                SymmetricKernels.forBackend());
        assertTrue(Double.isFinite(result.lowRankDistanceStandardError()));
        assertEquals(5, result.distances().standardErrors().blocks());
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("from 5 jackknife blocks instead of 20")),
                result.warnings().toString());
    }

    @Test
    void noRoomForTwoBlocksIsAnExplicitAbsence() {
        ErrorBarPlan none = ErrorBarPlan.of(LAYOUT, BLOCKS, 3 * ErrorBarPlan.bytesPerBlock(LAYOUT));
        assertFalse(none.measurable());
        assertEquals(0, none.bytes());
        BlockedMoments blocked = accumulate(probe(new Random(8)), 50, none);
        assertEquals(0, blocked.blockCount());
        RichnessResult result = RichnessAnalysis.distancesOnly(blocked, SymmetricKernels.forBackend());
        assertTrue(Double.isNaN(result.lowRankDistanceStandardError()));
        assertTrue(Double.isNaN(result.debiasedLowRankDistanceStandardError()));
        assertTrue(Double.isFinite(result.lowRankDistance()), "the distances themselves are measured");
        assertTrue(result.warnings().stream().anyMatch(w -> w.startsWith("standard errors not measured: the"
                + " jackknife's block accumulators need")), result.warnings().toString());
        ErrorBarPlan defaults = ErrorBarPlan.defaults(new MomentLayout(4096, 100, 0, false, false));
        assertFalse(defaults.measurable(), "p = 4096, C = 100 does not fit 256 MiB: " + defaults.note());
        assertEquals(5, ErrorBarPlan.defaults(new MomentLayout(2048, 100, 0, false, false)).blocks());
    }

    @Test
    void aProbeTooSmallForItsBlocksHasNoErrorBars() {
        double[][][] data = probe(new Random(9));
        BlockedMoments blocked = new BlockedMoments(LAYOUT, ErrorBarPlan.defaults(LAYOUT), SymmetricKernels.forBackend());
        blocked.accumulate(matrix(rows(data[0], 0, 2)), matrix(rows(data[1], 0, 2)), null, null);
        RichnessResult result = RichnessAnalysis.distancesOnly(blocked, SymmetricKernels.forBackend());
        assertTrue(Double.isNaN(result.lowRankDistanceStandardError()));
        assertTrue(result.warnings().stream().anyMatch(w -> w.contains("a probe of 2 samples is too small for 20"
                + " jackknife blocks")), result.warnings().toString());
    }

    private static void assertRatio(Spread spread, double tolerance) {
        double plain = spread.rmsSePlain / spread.sdPlain;
        double debiased = spread.rmsSeDebiased / spread.sdDebiased;
        assertEquals(1.0, plain, tolerance, "RMS se of D_LR / sd of D_LR over " + spread.probes + " probes: " + plain);
        assertEquals(1.0, debiased, tolerance, "RMS se / sd of the debiased D_LR: " + debiased);
    }

    /** D_LR and its standard error on independent probes of N samples, each one minibatch. */
    private static Spread spreadOver(int probes) {
        double[] plain = new double[probes];
        double[] debiased = new double[probes];
        double sePlain = 0;
        double seDebiased = 0;
        Random random = new Random(2026);
        BlockedMoments blocked = new BlockedMoments(LAYOUT, ErrorBarPlan.of(LAYOUT, BLOCKS, Long.MAX_VALUE),
                SymmetricKernels.forBackend());
        for (int t = 0; t < probes; t++) {
            double[][][] data = probe(random);
            blocked.reset();
            blocked.accumulate(matrix(data[0]), matrix(data[1]), null, null);
            RichnessResult result = RichnessAnalysis.distancesOnly(blocked, SymmetricKernels.forBackend());
            plain[t] = result.lowRankDistance();
            debiased[t] = result.debiasedLowRankDistance();
            sePlain += Math.pow(result.lowRankDistanceStandardError(), 2);
            seDebiased += Math.pow(result.debiasedLowRankDistanceStandardError(), 2);
        }
        return new Spread(probes, mean(plain), sd(plain), Math.sqrt(sePlain / probes), mean(debiased), sd(debiased),
                Math.sqrt(seDebiased / probes));
    }

    private record Spread(int probes, double meanPlain, double sdPlain, double rmsSePlain, double meanDebiased,
                          double sdDebiased, double rmsSeDebiased) {
    }

    /** 1 − ‖Σ_φf‖²_F / (‖Σ_φφ‖_F ‖Σ_ff‖_F) with Σ_φφ = Λ, Σ_φf = ΛW, Σ_ff = WᵀΛW + I. */
    private static double populationLowRankDistance() {
        double cross = 0;
        double features = 0;
        double[][] outputs = new double[C][C];
        for (int k = 0; k < P; k++) {
            double lambda = 1.0 / (k + 1);
            features += lambda * lambda;
            for (int a = 0; a < C; a++) {
                cross += Math.pow(lambda * W[k][a], 2);
                for (int b = 0; b < C; b++) {
                    outputs[a][b] += lambda * W[k][a] * W[k][b];
                }
            }
        }
        double outputNorm = 0;
        for (int a = 0; a < C; a++) {
            outputs[a][a] += 1.0;
            for (int b = 0; b < C; b++) {
                outputNorm += outputs[a][b] * outputs[a][b];
            }
        }
        return 1.0 - cross / Math.sqrt(features * outputNorm);
    }

    private static double[][][] probe(Random random) {
        return probe(random, N);
    }

    private static double[][][] probe(Random random, int n) {
        double[][] phi = new double[n][P];
        double[][] f = new double[n][C];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < P; k++) {
                phi[i][k] = random.nextGaussian() / Math.sqrt(k + 1.0);
            }
            for (int a = 0; a < C; a++) {
                f[i][a] = random.nextGaussian();
                for (int k = 0; k < P; k++) {
                    f[i][a] += W[k][a] * phi[i][k];
                }
            }
        }
        return new double[][][] {phi, f};
    }

    private static BlockedMoments accumulate(double[][][] data, int batch, int blocks) {
        return accumulate(data, batch, ErrorBarPlan.of(LAYOUT, blocks, Long.MAX_VALUE));
    }

    private static BlockedMoments accumulate(double[][][] data, int batch, ErrorBarPlan plan) {
        BlockedMoments blocked = new BlockedMoments(LAYOUT, plan, SymmetricKernels.forBackend());
        int n = data[0].length;
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(start + batch, n);
            blocked.accumulate(matrix(rows(data[0], start, end)), matrix(rows(data[1], start, end)), null, null);
        }
        return blocked;
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static double sd(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        return Math.sqrt(squares / (values.length - 1));
    }

    /** Sums about a common centre and Chan-merged moments: two orderings of the same sums. */
    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, 1e-10 * Math.abs(expected));
    }
}
