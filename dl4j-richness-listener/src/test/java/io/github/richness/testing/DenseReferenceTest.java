package io.github.richness.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks {@link DenseReference} on cases with closed-form answers. */
class DenseReferenceTest {

    /** Tolerance for quantities that are exact up to floating-point round-off. */
    private static final double EXACT_TOL = 1e-10;

    /** Tolerance for a sample estimate of a population variance (statistical, not round-off). */
    private static final double STATISTICAL_TOL = 0.05;

    /** Relative rank tolerance used for the orthogonalisation of outputs/targets. */
    private static final double RANK_TOL = 1e-10;

    /** Relative eigenvalue floor for the cumulative projection. */
    private static final double EIGEN_FLOOR = 1e-12;

    /** Relative squared-residual drop tolerance for the cumulative projection. */
    private static final double DROP_TOL = 1e-12;

    /** Ridge added to the between-class covariance in NC1. */
    private static final double NC1_EPSILON = 1e-8;

    private static final int N = 40;
    private static final int P = 5;

    // ---------------------------------------------------------------------------- low-rank distance

    @Test
    void lowRankDistanceOfFeaturesWithThemselvesIsZero() {
        double[][] phi = DenseReference.randomGaussian(1, N, P);
        assertEquals(0.0, DenseReference.lowRankDistance(phi, phi), EXACT_TOL);
    }

    @Test
    void lowRankDistanceIsZeroUnderAnOrthogonalMap() {
        double[][] phi = DenseReference.randomGaussian(2, N, P);
        double[][] r = randomRotation(3, P);
        assertOrthogonal(r);
        double[][] f = DenseReference.matmul(phi, r);
        assertEquals(0.0, DenseReference.lowRankDistance(phi, f), EXACT_TOL);
    }

    @Test
    void lowRankDistanceIsInvariantToIsotropicScalingAndTranslationOfFeatures() {
        double[][] phi = DenseReference.randomGaussian(4, N, P);
        double[][] f = DenseReference.randomGaussian(5, N, 3);
        double base = DenseReference.lowRankDistance(phi, f);
        assertTrue(base > 0.01 && base < 1.0, "generic case should be strictly between 0 and 1: " + base);

        double[][] moved = new double[N][P];
        double[] shift = {3.0, -1.5, 7.0, 0.25, -20.0};
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < P; j++) {
                moved[i][j] = 4.5 * phi[i][j] + shift[j];
            }
        }
        assertEquals(base, DenseReference.lowRankDistance(moved, f), EXACT_TOL);
        assertEquals(0.0, DenseReference.lowRankDistance(phi, moved), EXACT_TOL);
    }

    @Test
    void lowRankDistanceIsOneWhenOutputsAreOrthogonalToCentredFeatures() {
        double[][] phi = DenseReference.randomGaussian(6, N, P);
        double[][] phiC = centreColumns(phi);
        double[][] raw = centreColumns(DenseReference.randomGaussian(7, N, 3));
        double[][] basis = orthonormalColumns(phiC);
        double[][] f = new double[N][3];
        for (int c = 0; c < 3; c++) {
            double[] v = column(raw, c);
            for (double[] q : basis) {
                double d = dot(q, v);
                for (int i = 0; i < N; i++) {
                    v[i] -= d * q[i];
                }
            }
            for (int i = 0; i < N; i++) {
                f[i][c] = v[i] + 2.0 + c; // a translation of F must not matter
            }
        }
        assertEquals(0.0, maxAbs(DenseReference.matmul(DenseReference.transpose(phiC), centreColumns(f))), 1e-9);
        assertEquals(1.0, DenseReference.lowRankDistance(phi, f), EXACT_TOL);
    }

    @Test
    void lowRankDistanceMatchesTheFeatureSpaceIdentity() {
        // CKA = |Phi_c^T F_c|_F^2 / (|Phi_c^T Phi_c|_F |F_c^T F_c|_F), a p x C identity.
        double[][] phi = DenseReference.randomGaussian(8, N, P);
        double[][] f = DenseReference.randomGaussian(9, N, 3);
        for (int i = 0; i < N; i++) {
            f[i][0] += phi[i][0] - 0.5 * phi[i][2];
        }
        double[][] pc = centreColumns(phi);
        double[][] fc = centreColumns(f);
        double[][] pt = DenseReference.transpose(pc);
        double[][] ft = DenseReference.transpose(fc);
        double cross = frobenius(DenseReference.matmul(pt, fc));
        double cka = cross * cross
                / (frobenius(DenseReference.matmul(pt, pc)) * frobenius(DenseReference.matmul(ft, fc)));
        assertEquals(1.0 - cka, DenseReference.lowRankDistance(phi, f), EXACT_TOL);
    }

    @Test
    void kernelSimilarityOfFeaturesWithThemselvesIsOneAndIsSymmetric() {
        double[][] a = DenseReference.randomGaussian(10, N, P);
        double[][] b = DenseReference.randomGaussian(11, N, 2);
        assertEquals(1.0, DenseReference.kernelSimilarity(a, a), EXACT_TOL);
        assertEquals(DenseReference.kernelSimilarity(a, b), DenseReference.kernelSimilarity(b, a), EXACT_TOL);
        assertEquals(1.0 - DenseReference.lowRankDistance(a, b), DenseReference.kernelSimilarity(a, b), EXACT_TOL);
    }

    // ---------------------------------------------------------------- projection low-rank distance

    @Test
    void projectionLowRankDistanceOfFeaturesWithThemselvesHasItsClosedForm() {
        // L = projector onto span(Phi_c): CKA = sum(s_k) / sqrt(p * sum(s_k^2)), s_k = eig(Phi_c^T Phi_c).
        double[][] phi = DenseReference.randomGaussian(12, N, P);
        double[] s = DenseReference.eigenvaluesDescending(centreColumns(phi));
        double sum = 0.0;
        double sumSq = 0.0;
        for (double v : s) {
            sum += v;
            sumSq += v * v;
        }
        double expected = 1.0 - sum / Math.sqrt(P * sumSq);
        assertEquals(expected, DenseReference.projectionLowRankDistance(phi, phi, RANK_TOL), EXACT_TOL);
    }

    @Test
    void projectionLowRankDistanceIsZeroForWhitenedFeatures() {
        // Orthonormal centred columns: K_c is itself the projector onto span(F_c).
        double[][] phi = DenseReference.randomGaussian(13, N, P);
        double[][] q = DenseReference.transpose(orthonormalColumns(centreColumns(phi)));
        assertEquals(0.0, DenseReference.projectionLowRankDistance(q, phi, RANK_TOL), EXACT_TOL);
    }

    @Test
    void projectionLowRankDistanceDependsOnlyOnTheSpanOfTheOutputs() {
        double[][] phi = DenseReference.randomGaussian(14, N, P);
        double[][] f = DenseReference.randomGaussian(15, N, 3);
        double base = DenseReference.projectionLowRankDistance(phi, f, RANK_TOL);

        double[][] mix = {{2.0, 0.5, 0.0}, {0.0, -1.0, 3.0}, {1.0, 0.0, 1.0}};
        assertEquals(base, DenseReference.projectionLowRankDistance(phi, DenseReference.matmul(f, mix), RANK_TOL),
                EXACT_TOL);

        // A redundant (dependent) column and a constant column add nothing to span(F_c).
        double[][] redundant = new double[N][5];
        for (int i = 0; i < N; i++) {
            System.arraycopy(f[i], 0, redundant[i], 0, 3);
            redundant[i][3] = f[i][0] - 2.0 * f[i][2];
            redundant[i][4] = 7.0;
        }
        assertEquals(base, DenseReference.projectionLowRankDistance(phi, redundant, RANK_TOL), EXACT_TOL);
    }

    // ------------------------------------------------------------------------------------- spectrum

    @Test
    void jacobiRecoversKnownEigenvaluesAndEigenvectors() {
        double[] d = {9.0, 4.0, 2.5, 1.0, 0.01};
        double[][] r = randomRotation(16, P);
        // Phi = sqrt(n) diag(sqrt d) R^T with n = p rows, so Phi^T Phi / n = R diag(d) R^T.
        double[][] phi = new double[P][P];
        for (int i = 0; i < P; i++) {
            for (int j = 0; j < P; j++) {
                phi[i][j] = Math.sqrt(P * d[i]) * r[j][i];
            }
        }
        assertArrayEquals(d, DenseReference.eigenvaluesDescending(phi), EXACT_TOL);

        double[][] u = DenseReference.eigenvectorsDescending(phi);
        assertOrthogonal(u);
        for (int k = 0; k < P; k++) {
            double sign = Math.signum(dot(column(u, k), column(r, k)));
            for (int i = 0; i < P; i++) {
                assertEquals(r[i][k], sign * u[i][k], 1e-9, "eigenvector " + k);
            }
        }
    }

    @Test
    void jacobiDecompositionReconstructsARandomSecondMoment() {
        double[][] phi = DenseReference.randomGaussian(17, N, 7);
        double[] rho = DenseReference.eigenvaluesDescending(phi);
        double[][] u = DenseReference.eigenvectorsDescending(phi);
        assertOrthogonal(u);
        double[][] moment = DenseReference.matmul(DenseReference.transpose(phi), phi);
        for (int a = 0; a < 7; a++) {
            for (int b = 0; b < 7; b++) {
                double s = 0.0;
                for (int k = 0; k < 7; k++) {
                    s += u[a][k] * rho[k] * u[b][k];
                }
                assertEquals(moment[a][b] / N, s, EXACT_TOL);
            }
        }
        for (int k = 1; k < 7; k++) {
            assertTrue(rho[k - 1] >= rho[k], "descending order");
        }
    }

    @Test
    void jacobiEigenvaluesOfADiagonalGaussianDesignApproachTheVariances() {
        int n = 20000;
        double[] sigma = {3.0, 2.0, 1.0, 0.5};
        double[][] phi = DenseReference.randomGaussian(18, n, sigma.length);
        for (double[] row : phi) {
            for (int j = 0; j < sigma.length; j++) {
                row[j] *= sigma[j];
            }
        }
        double[] rho = DenseReference.eigenvaluesDescending(phi);
        for (int j = 0; j < sigma.length; j++) {
            double variance = sigma[j] * sigma[j];
            assertEquals(variance, rho[j], STATISTICAL_TOL * variance, "eigenvalue " + j);
        }
    }

    // -------------------------------------------------------------------------- cumulative projection

    @Test
    void cumulativeProjectionReachesOneForTargetsInTheFeatureSpan() {
        double[][] phi = DenseReference.randomGaussian(19, N, P);
        double[][] w = DenseReference.randomGaussian(20, P, 3);
        double[][] g = DenseReference.matmul(phi, w);
        double[] pi = DenseReference.cumulativeProjection(phi, phi, g, EIGEN_FLOOR, DROP_TOL, RANK_TOL);
        assertEquals(P, pi.length);
        assertEquals(1.0, pi[P - 1], EXACT_TOL);
        assertMonotoneAndBounded(pi);
        assertTrue(pi[0] < 1.0 - 1e-3, "a generic 3-dimensional target is not captured by one mode");
    }

    @Test
    void cumulativeProjectionOfTheTopEigenfunctionIsOneFromTheFirstMode() {
        double[][] phi = DenseReference.randomGaussian(21, N, P);
        double[][] u = DenseReference.eigenvectorsDescending(phi);
        double[][] g = new double[N][1];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < P; j++) {
                g[i][0] += phi[i][j] * u[j][0];
            }
        }
        double[] pi = DenseReference.cumulativeProjection(phi, phi, g, EIGEN_FLOOR, DROP_TOL, RANK_TOL);
        for (double v : pi) {
            assertEquals(1.0, v, EXACT_TOL);
        }
    }

    @Test
    void cumulativeProjectionIsFlatAfterTheRankAndBoundedForUnrelatedTargets() {
        // Rank-2 features in p = 4: the last two eigenfunctions are dropped by the floor.
        double[][] base = DenseReference.randomGaussian(22, N, 2);
        double[][] phi = new double[N][4];
        for (int i = 0; i < N; i++) {
            phi[i][0] = base[i][0];
            phi[i][1] = base[i][1];
            phi[i][2] = base[i][0] + base[i][1];
            phi[i][3] = 2.0 * base[i][0] - base[i][1];
        }
        double[][] g = DenseReference.randomGaussian(23, N, 2);
        double[] pi = DenseReference.cumulativeProjection(phi, phi, g, EIGEN_FLOOR, DROP_TOL, RANK_TOL);
        assertMonotoneAndBounded(pi);
        assertEquals(pi[1], pi[2], 0.0);
        assertEquals(pi[1], pi[3], 0.0);
        assertTrue(pi[1] < 1.0, "random targets are not in a 2-dimensional span");

        // Expected value: |P_span(phi) Z|_F^2 / r with Z an orthonormal basis of span(g).
        double[][] q = orthonormalColumns(phi);
        double[][] z = orthonormalColumns(g);
        double expected = 0.0;
        for (double[] zj : z) {
            for (double[] qk : q) {
                double d = dot(qk, zj);
                expected += d * d;
            }
        }
        assertEquals(expected / z.length, pi[3], EXACT_TOL);
    }

    @Test
    void cumulativeProjectionOnASeparateTestSetStaysBounded() {
        double[][] train = DenseReference.randomGaussian(24, 60, P);
        double[][] test = DenseReference.randomGaussian(25, 30, P);
        double[][] g = DenseReference.matmul(test, DenseReference.randomGaussian(26, P, 2));
        double[] pi = DenseReference.cumulativeProjection(train, test, g, EIGEN_FLOOR, DROP_TOL, RANK_TOL);
        assertMonotoneAndBounded(pi);
        // g lies in span(test), which the p test-set eigenfunctions span in full.
        assertEquals(1.0, pi[P - 1], EXACT_TOL);
    }

    // -------------------------------------------------------------------------- effective dimension

    @Test
    void effectiveDimensionClosedForms() {
        assertEquals(4.0, DenseReference.effectiveDimension(new double[] {10.0, 1.0, 1.0, 1.0}), EXACT_TOL);
        assertEquals(4.0, DenseReference.effectiveDimension(new double[] {1.0, 1.0, 1.0, 1.0}), EXACT_TOL);
        assertEquals(2.0, DenseReference.effectiveDimension(new double[] {5.0, 1.0, 0.0, 0.0}), EXACT_TOL);
        assertEquals(1.0, DenseReference.effectiveDimension(new double[] {5.0, 0.0, 0.0}), EXACT_TOL);
        assertEquals(1.0, DenseReference.effectiveDimension(new double[] {5.0}), EXACT_TOL);
        // Two equal tail entries: 1 + exp(ln 2) = 3, whatever their scale.
        assertEquals(3.0, DenseReference.effectiveDimension(new double[] {7.0, 0.3, 0.3}), EXACT_TOL);
    }

    // ------------------------------------------------------------------------------- neural collapse

    @Test
    void collapsedSimplexClassesHaveZeroWithinClassScatterAndZeroNc1() {
        int classes = 3;
        int perClass = 4;
        double[][] phi = new double[classes * perClass][classes];
        int[] labels = new int[classes * perClass];
        for (int c = 0; c < classes; c++) {
            for (int s = 0; s < perClass; s++) {
                int i = c * perClass + s;
                labels[i] = c;
                for (int a = 0; a < classes; a++) {
                    // simplex vertex e_c - 1/C, shifted by a common offset (irrelevant)
                    phi[i][a] = (a == c ? 1.0 : 0.0) - 1.0 / classes + 5.0;
                }
            }
        }
        assertEquals(0.0, DenseReference.traceWithinClass(phi, labels), EXACT_TOL);
        assertEquals(0.0, maxAbs(DenseReference.withinClassCovariance(phi, labels)), EXACT_TOL);
        assertEquals(0.0, DenseReference.nc1(phi, labels, NC1_EPSILON), EXACT_TOL);

        // Sigma_b = (1/C)(I - 11^T / C) for the centred simplex.
        double[][] sigmaB = DenseReference.betweenClassCovariance(phi, labels);
        for (int a = 0; a < classes; a++) {
            for (int b = 0; b < classes; b++) {
                double expected = ((a == b ? 1.0 : 0.0) - 1.0 / classes) / classes;
                assertEquals(expected, sigmaB[a][b], EXACT_TOL);
            }
        }
    }

    @Test
    void oneDimensionalHandComputedScatter() {
        // Class 0: {-1, 1} (mean 0); class 2: {9, 11} (mean 10); class 1 is empty and ignored.
        double[][] phi = {{-1.0}, {9.0}, {1.0}, {11.0}};
        int[] labels = {0, 2, 0, 2};
        // Sigma_W = (C'/n) * 4 = (2/4) * 4 = 2 = E_0 + E_2 = 1 + 1; Sigma_b = (25 + 25) / 2 = 25.
        assertEquals(2.0, DenseReference.withinClassCovariance(phi, labels)[0][0], EXACT_TOL);
        assertEquals(2.0, DenseReference.traceWithinClass(phi, labels), EXACT_TOL);
        assertEquals(25.0, DenseReference.betweenClassCovariance(phi, labels)[0][0], EXACT_TOL);
        assertEquals(2.0 / 25.0, DenseReference.nc1(phi, labels, 0.0), EXACT_TOL);
        assertEquals(2.0 / 26.0, DenseReference.nc1(phi, labels, 1.0), EXACT_TOL);
    }

    @Test
    void unbalancedClassesAreWeightedByTheirOwnCounts() {
        // Class 0: {-1, 1}, E_0 = 1; class 1: {9, 10, 11}, E_1 = 2/3. Eq. 33: Sigma_W = 5/3, where C'/n times
        // the pooled scatter would give (2/5) * 4 = 1.6.
        double[][] phi = {{-1.0}, {9.0}, {1.0}, {10.0}, {11.0}};
        int[] labels = {0, 1, 0, 1, 1};
        assertEquals(5.0 / 3.0, DenseReference.withinClassCovariance(phi, labels)[0][0], EXACT_TOL);
        assertEquals(5.0 / 3.0, DenseReference.traceWithinClass(phi, labels), EXACT_TOL);
    }

    @Test
    void unbiasedHsicHasItsClosedFormsAndIsShiftInvariant() {
        double[][] x = DenseReference.randomGaussian(5, 9, 3);
        double[][] y = DenseReference.randomGaussian(6, 9, 2);
        double reference = DenseReference.unbiasedHsic(x, y);
        double[][] shifted = new double[9][];
        for (int i = 0; i < 9; i++) {
            shifted[i] = new double[] {x[i][0] + 7, x[i][1] - 3, x[i][2] + 100};
        }
        assertEquals(reference, DenseReference.unbiasedHsic(shifted, y), 1e-9, "invariant to shifting the rows");
        assertEquals(DenseReference.unbiasedHsic(y, x), reference, 1e-12, "symmetric");
        // Independent of scale in the ratio: the debiased distance of a rescaled copy is 0.
        double[][] scaled = new double[9][];
        for (int i = 0; i < 9; i++) {
            scaled[i] = new double[] {2 * x[i][0], 2 * x[i][1], 2 * x[i][2]};
        }
        assertEquals(0.0, DenseReference.debiasedLowRankDistance(x, scaled), 1e-12);
    }

    @Test
    void leastSquaresFitIsTheProjectionWithIntercept() {
        // y = 2 + 3 x exactly: fitted = y; a response orthogonal to 1 and x: fitted = 0.
        double[][] x = {{0.0}, {1.0}, {2.0}, {3.0}};
        double[][] y = {{2.0, 1.0}, {5.0, -1.0}, {8.0, -1.0}, {11.0, 1.0}};
        double[][] fitted = DenseReference.leastSquaresFit(x, y, 1e-12);
        for (int i = 0; i < 4; i++) {
            assertEquals(y[i][0], fitted[i][0], EXACT_TOL);
            assertEquals(0.0, fitted[i][1], EXACT_TOL);
        }
    }

    @Test
    void nc1MatchesADiagonalClosedForm() {
        // Axis-aligned two-dimensional case: Sigma_W and Sigma_b are diagonal, so
        // NC1 = sum_a W_aa / (B_aa + eps).
        double[][] phi = {
            {1.0, 0.0}, {3.0, 0.0}, // class 0: mean (2, 0), scatter along x
            {-2.0, 4.0}, {-2.0, 6.0}, // class 1: mean (-2, 5), scatter along y
        };
        int[] labels = {0, 0, 1, 1};
        double[][] w = DenseReference.withinClassCovariance(phi, labels);
        double[][] b = DenseReference.betweenClassCovariance(phi, labels);
        // Sigma_W = (2/4) * diag(2, 2) = diag(1, 1); mu_bar = (0, 2.5): Sigma_b = [[4, -5], [-5, 6.25]].
        assertArrayEquals(new double[] {1.0, 0.0}, w[0], EXACT_TOL);
        assertArrayEquals(new double[] {0.0, 1.0}, w[1], EXACT_TOL);
        assertArrayEquals(new double[] {4.0, -5.0}, b[0], EXACT_TOL);
        assertArrayEquals(new double[] {-5.0, 6.25}, b[1], EXACT_TOL);
        double eps = 0.5;
        // (Sigma_b + eps I)^-1 = adj / det, trace against I = trace of the inverse.
        double det = (4.0 + eps) * (6.25 + eps) - 25.0;
        double expected = ((6.25 + eps) + (4.0 + eps)) / det;
        assertEquals(expected, DenseReference.nc1(phi, labels, eps), EXACT_TOL);
    }

    // ------------------------------------------------------------------------------------- helpers

    @Test
    void helpersBehave() {
        double[][] a = {{1.0, 2.0, 3.0}, {4.0, 5.0, 6.0}};
        double[][] at = DenseReference.transpose(a);
        assertArrayEquals(new double[] {1.0, 4.0}, at[0], 0.0);
        assertArrayEquals(new double[] {3.0, 6.0}, at[2], 0.0);
        double[][] aat = DenseReference.matmul(a, at);
        assertArrayEquals(new double[] {14.0, 32.0}, aat[0], 0.0);
        assertArrayEquals(new double[] {32.0, 77.0}, aat[1], 0.0);

        double[][] g = DenseReference.randomGaussian(99, 2, 3);
        Random random = new Random(99);
        for (double[] row : g) {
            for (double v : row) {
                assertEquals(random.nextGaussian(), v, 0.0);
            }
        }
    }

    // ---------------------------------------------------------------------------- test-local tools

    /** A product of Givens rotations with random angles: an orthogonal matrix built independently. */
    private static double[][] randomRotation(long seed, int p) {
        Random random = new Random(seed);
        double[][] r = new double[p][p];
        for (int i = 0; i < p; i++) {
            r[i][i] = 1.0;
        }
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    double angle = 2.0 * Math.PI * random.nextDouble();
                    double c = Math.cos(angle);
                    double s = Math.sin(angle);
                    for (int k = 0; k < p; k++) {
                        double rki = r[k][i];
                        double rkj = r[k][j];
                        r[k][i] = c * rki - s * rkj;
                        r[k][j] = s * rki + c * rkj;
                    }
                }
            }
        }
        return r;
    }

    /** Orthonormal basis (as rows) of the column span of x, by classical Gram-Schmidt run twice. */
    private static double[][] orthonormalColumns(double[][] x) {
        int p = x[0].length;
        double[][] basis = new double[p][];
        int size = 0;
        for (int c = 0; c < p; c++) {
            double[] v = column(x, c);
            double original = Math.sqrt(dot(v, v));
            for (int pass = 0; pass < 2; pass++) {
                double[] coefficients = new double[size];
                for (int b = 0; b < size; b++) {
                    coefficients[b] = dot(basis[b], v);
                }
                for (int b = 0; b < size; b++) {
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= coefficients[b] * basis[b][i];
                    }
                }
            }
            double norm = Math.sqrt(dot(v, v));
            if (norm > 1e-9 * original) {
                for (int i = 0; i < v.length; i++) {
                    v[i] /= norm;
                }
                basis[size++] = v;
            }
        }
        double[][] out = new double[size][];
        System.arraycopy(basis, 0, out, 0, size);
        return out;
    }

    private static double[][] centreColumns(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[][] c = new double[n][p];
        for (int j = 0; j < p; j++) {
            double mean = 0.0;
            for (double[] row : x) {
                mean += row[j];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                c[i][j] = x[i][j] - mean;
            }
        }
        return c;
    }

    private static double[] column(double[][] x, int c) {
        double[] v = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            v[i] = x[i][c];
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double frobenius(double[][] m) {
        double s = 0.0;
        for (double[] row : m) {
            s += dot(row, row);
        }
        return Math.sqrt(s);
    }

    private static double maxAbs(double[][] m) {
        double max = 0.0;
        for (double[] row : m) {
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
        }
        return max;
    }

    private static void assertOrthogonal(double[][] r) {
        double[][] rtr = DenseReference.matmul(DenseReference.transpose(r), r);
        for (int i = 0; i < r.length; i++) {
            for (int j = 0; j < r.length; j++) {
                assertEquals(i == j ? 1.0 : 0.0, rtr[i][j], EXACT_TOL);
            }
        }
    }

    private static void assertMonotoneAndBounded(double[] pi) {
        double previous = 0.0;
        for (int k = 0; k < pi.length; k++) {
            assertTrue(pi[k] >= previous - EXACT_TOL, "non-decreasing at " + k);
            assertTrue(pi[k] >= -EXACT_TOL, "non-negative at " + k);
            assertTrue(pi[k] <= 1.0 + EXACT_TOL, "at most one at " + k);
            previous = pi[k];
        }
    }
}
