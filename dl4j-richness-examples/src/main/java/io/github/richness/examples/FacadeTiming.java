package io.github.richness.examples;

import io.github.richness.core.Richness;
import io.github.richness.core.RichnessResult;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times the facade on random data for PERFORMANCE.md ("Facade against numpy"): {@link Richness#lowRankDistance}
 * (D_LR = 1 − CKA, eq. 4), {@link Richness#analyze} with the same array for both probes (the own-probe path)
 * and with a copy as the spectrum probe (the general path, what the same call cost before the own-probe
 * shortcut). Features Φ (n × p) are Gaussian plus a mean, outputs f̂ = Φ W + noise (n × C), targets one-hot.
 * Prints the median and the spread of each timing, and D_LR with the first eigenvalues in full precision so
 * that runs under different {@code OPENBLAS_CORETYPE} values can be compared. No test runs it.
 *
 * <p>Arguments: {@code n p C warmups runs} (default 8192 1024 100 2 7).
 */
public final class FacadeTiming {

    private static final long SEED = 17;
    private static final int EIGENVALUES_PRINTED = 5;

    private FacadeTiming() {
    }

    /**
     * @param args n, p, C, warm-up runs, timed runs
     */
    public static void main(String[] args) {
        int[] a = {8192, 1024, 100, 2, 7};
        for (int i = 0; i < args.length && i < a.length; i++) {
            a[i] = Integer.parseInt(args[i]);
        }
        int n = a[0];
        int p = a[1];
        int c = a[2];
        Nd4j.getRandom().setSeed(SEED);
        INDArray features = Nd4j.randn(DataType.DOUBLE, n, p).addi(0.5);
        INDArray outputs = features.mmul(Nd4j.randn(DataType.DOUBLE, p, c)).addi(Nd4j.randn(DataType.DOUBLE, n, c));
        INDArray targets = Nd4j.zeros(DataType.DOUBLE, n, c);
        for (int i = 0; i < n; i++) {
            targets.putScalar(i, i % c, 1.0);
        }
        RichnessResult own = Richness.analyze(features, features, outputs, targets);
        RichnessResult general = Richness.analyze(features.dup(), features, outputs, targets);
        System.out.printf(Locale.ROOT, "D_LR %.17g%n", Richness.lowRankDistance(features, outputs));
        System.out.printf(Locale.ROOT, "D_LR(analyze) %.17g general %.17g%n", own.lowRankDistance(),
                general.lowRankDistance());
        System.out.println("eigenvalues " + Arrays.toString(Arrays.copyOf(own.eigenvalues(), EIGENVALUES_PRINTED)));
        System.out.printf(Locale.ROOT, "D_eff %.17g Pi_hat(C) %.17g%n", own.effectiveDimension(),
                own.cumulativeUtilization()[c - 1]);
        time("lowRankDistance", a[3], a[4], () -> Richness.lowRankDistance(features, outputs));
        time("analyze(same, same)", a[3], a[4],
                () -> Richness.analyze(features, features, outputs, targets).lowRankDistance());
        time("analyze(copy, same)", a[3], a[4],
                () -> Richness.analyze(features.dup(), features, outputs, targets).lowRankDistance());
    }

    private static void time(String name, int warmups, int runs, DoubleSupplier work) {
        for (int i = 0; i < warmups; i++) {
            work.getAsDouble();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            work.getAsDouble();
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%-22s median %8.1f ms  min %8.1f  max %8.1f  (%d runs)%n", name,
                ms[runs / 2], ms[0], ms[runs - 1], runs);
    }
}
