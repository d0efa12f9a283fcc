package io.github.richness.testing;

import java.util.Arrays;
import java.util.Random;

/**
 * Independent, plain-Java dense reference implementation of the dynamical-richness quantities, used
 * only by tests to check the production (ND4J, moment-based) code.
 *
 * <p>It is deliberately computed in a different way from the production code: the production code
 * works from p&times;p second moments, whereas this class works from explicit n&times;n Gram
 * matrices, explicit orthogonalisation (modified Gram&ndash;Schmidt with re-orthogonalisation) of
 * n-vectors, a cyclic Jacobi eigenvalue algorithm and Gauss&ndash;Jordan inversion. Everything is
 * {@code double[][]} with rows as samples; no ND4J and no external libraries. Efficiency is not a
 * goal (several methods are O(n&sup2;p) or O(n&sup3;)): use it on small problems.
 *
 * <p>Notation: n samples, &Phi; is n&times;p features, F is n&times;C outputs, H = I &minus;
 * 11&#7488;/n is the centring matrix.
 */
public final class DenseReference {

    /** Relative off-diagonal Frobenius norm at which the Jacobi iteration stops. */
    private static final double JACOBI_RELATIVE_TOLERANCE = 1e-15;

    /** Upper bound on the number of Jacobi sweeps (it converges quadratically, in far fewer). */
    private static final int JACOBI_MAX_SWEEPS = 100;

    private DenseReference() {
    }

    // ------------------------------------------------------------------------------------------
    // Low-rank distance and kernel similarity (n x n Gram matrices)
    // ------------------------------------------------------------------------------------------

    /**
     * Computes the low-rank distance D_LR = 1 &minus; CKA(K, L) with linear-kernel centred kernel
     * alignment built from explicit n&times;n Gram matrices: K = &Phi;&Phi;&#7488;, L = FF&#7488;,
     * K<sub>c</sub> = HKH, L<sub>c</sub> = HLH and CKA = Tr(K<sub>c</sub>L<sub>c</sub>) /
     * (&Vert;K<sub>c</sub>&Vert;<sub>F</sub> &Vert;L<sub>c</sub>&Vert;<sub>F</sub>).
     *
     * @param phi n&times;p features (rows are samples)
     * @param f n&times;C outputs of the same samples
     * @return 1 &minus; CKA, or NaN when either centred Gram matrix is zero (CKA undefined)
     */
    public static double lowRankDistance(double[][] phi, double[][] f) {
        requireSameRows(phi, f);
        return 1.0 - centredAlignment(centre(gram(phi)), centre(gram(f)));
    }

    /**
     * Computes the projection variant of the low-rank distance: 1 &minus; CKA(K, L) exactly as in
     * {@link #lowRankDistance(double[][], double[][])}, except that L is the n&times;n orthogonal
     * projector QQ&#7488; onto the column span of the centred outputs F<sub>c</sub> = HF. The
     * orthonormal basis Q is built by modified Gram&ndash;Schmidt with re-orthogonalisation on the
     * n-vectors (the columns of F<sub>c</sub>, in order); a column whose residual norm is &le;
     * {@code rankTol} &times; its original norm is dropped.
     *
     * @param phi n&times;p features
     * @param f n&times;C outputs of the same samples
     * @param rankTol relative residual norm at or below which a column of F<sub>c</sub> is dropped
     * @return 1 &minus; CKA, or NaN when the centred feature Gram matrix is zero or span(F<sub>c</sub>)
     *     is {0}
     */
    public static double projectionLowRankDistance(double[][] phi, double[][] f, double rankTol) {
        requireSameRows(phi, f);
        int n = phi.length;
        double[][] fc = centreColumns(f);
        double[][] basis = orthonormalise(columns(fc), rankTol * rankTol);
        double[][] projector = new double[n][n];
        for (double[] q : basis) {
            if (q == null) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    projector[i][j] += q[i] * q[j];
                }
            }
        }
        // The projector is already centred (its range is orthogonal to 1); centring again is harmless.
        return 1.0 - centredAlignment(centre(gram(phi)), centre(projector));
    }

    /**
     * Computes the linear CKA between the centred n&times;n Gram matrices of two feature sets of the
     * same samples: Tr(K<sub>A,c</sub>K<sub>B,c</sub>) / (&Vert;K<sub>A,c</sub>&Vert;<sub>F</sub>
     * &Vert;K<sub>B,c</sub>&Vert;<sub>F</sub>) with K<sub>A</sub> = &Phi;<sub>A</sub>&Phi;<sub>A</sub>&#7488;
     * (the paper's S_init when &Phi;<sub>A</sub> are the initial features).
     *
     * @param phiA n&times;p<sub>A</sub> features
     * @param phiB n&times;p<sub>B</sub> features of the same samples
     * @return the similarity in [0, 1], or NaN when either centred Gram matrix is zero
     */
    public static double kernelSimilarity(double[][] phiA, double[][] phiB) {
        requireSameRows(phiA, phiB);
        return centredAlignment(centre(gram(phiA)), centre(gram(phiB)));
    }

    /**
     * Computes the unbiased HSIC estimator of Song et al. (2012) from explicit n&times;n Gram matrices of the
     * uncentred rows, K = XX&#7488; and L = YY&#7488;, with their diagonals set to zero (K&#771;, L&#771;):
     * [Tr(K&#771;L&#771;) + (1&#7488;K&#771;1)(1&#7488;L&#771;1)/((n&minus;1)(n&minus;2)) &minus;
     * 2/(n&minus;2) 1&#7488;K&#771;L&#771;1] / (n(n&minus;3)). No centring is involved (the estimator is
     * invariant to shifting the rows).
     *
     * @param x n&times;a rows
     * @param y n&times;b rows of the same samples
     * @return HSIC_u, for n &ge; 4
     * @throws IllegalArgumentException when n &lt; 4
     */
    public static double unbiasedHsic(double[][] x, double[][] y) {
        requireSameRows(x, y);
        int n = x.length;
        if (n < 4) {
            throw new IllegalArgumentException("the unbiased HSIC needs n >= 4, got " + n);
        }
        double[][] k = gram(x);
        double[][] l = gram(y);
        for (int i = 0; i < n; i++) {
            k[i][i] = 0.0;
            l[i][i] = 0.0;
        }
        double trace = 0.0;
        double sumK = 0.0;
        double sumL = 0.0;
        double[] rowK = new double[n];
        double[] rowL = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                trace += k[i][j] * l[j][i];
                sumK += k[i][j];
                sumL += l[i][j];
                rowK[i] += k[i][j];
                rowL[j] += l[j][i];
            }
        }
        double middle = 0.0;
        for (int i = 0; i < n; i++) {
            middle += rowK[i] * rowL[i];
        }
        return (trace + sumK * sumL / ((n - 1.0) * (n - 2.0)) - 2.0 / (n - 2.0) * middle) / (n * (n - 3.0));
    }

    /**
     * Computes the debiased low-rank distance 1 &minus; HSIC_u(&Phi;, F) / &radic;(HSIC_u(&Phi;, &Phi;)
     * HSIC_u(F, F)) with {@link #unbiasedHsic(double[][], double[][])}.
     *
     * @param phi n&times;p features
     * @param f n&times;C outputs
     * @return the debiased D_LR, not clamped; NaN when a self-HSIC is not positive
     */
    public static double debiasedLowRankDistance(double[][] phi, double[][] f) {
        double xx = unbiasedHsic(phi, phi);
        double yy = unbiasedHsic(f, f);
        if (!(xx > 0.0) || !(yy > 0.0)) {
            return Double.NaN;
        }
        return 1.0 - unbiasedHsic(phi, f) / Math.sqrt(xx * yy);
    }

    /**
     * Computes the fitted values of the least-squares regression of y on the columns of x with an intercept:
     * the orthogonal projection of each column of y onto span{1, x<sub>1</sub>, &hellip;, x<sub>p</sub>},
     * from an orthonormal basis of that span built by modified Gram&ndash;Schmidt (with
     * re-orthogonalisation) of the n-vectors 1, x<sub>1</sub>, &hellip;, in order, dropping a vector whose
     * residual norm is at most {@code rankTol} times its own norm.
     *
     * @param x n&times;p regressors
     * @param y n&times;t responses
     * @param rankTol relative residual norm at or below which a regressor is dropped as dependent
     * @return the n&times;t fitted values
     */
    public static double[][] leastSquaresFit(double[][] x, double[][] y, double rankTol) {
        requireSameRows(x, y);
        int n = x.length;
        int p = cols(x);
        double[][] regressors = new double[p + 1][];
        regressors[0] = new double[n];
        Arrays.fill(regressors[0], 1.0);
        double[][] columns = columns(x);
        System.arraycopy(columns, 0, regressors, 1, p);
        double[][] basis = orthonormalise(regressors, rankTol * rankTol);
        int t = cols(y);
        double[][] fitted = new double[n][t];
        double[][] responses = columns(y);
        for (double[] q : basis) {
            if (q == null) {
                continue;
            }
            for (int j = 0; j < t; j++) {
                double coefficient = dot(q, responses[j]);
                for (int i = 0; i < n; i++) {
                    fitted[i][j] += coefficient * q[i];
                }
            }
        }
        return fitted;
    }

    // ------------------------------------------------------------------------------------------
    // Spectrum (cyclic Jacobi on the p x p matrix Phi^T Phi)
    // ------------------------------------------------------------------------------------------

    /**
     * Computes the eigenvalues &rho;<sub>k</sub> = &lambda;<sub>k</sub>(&Phi;&#7488;&Phi;)/n, in
     * descending order, with a cyclic Jacobi eigenvalue algorithm on the p&times;p matrix
     * &Phi;&#7488;&Phi; (uncentred). Tiny negative values from round-off are returned as they are.
     *
     * @param phi n&times;p features
     * @return the p eigenvalues, largest first
     */
    public static double[] eigenvaluesDescending(double[][] phi) {
        Eigen eigen = jacobi(gramOfColumns(phi));
        double n = phi.length;
        double[] rho = new double[eigen.values.length];
        for (int k = 0; k < rho.length; k++) {
            rho[k] = eigen.values[k] / n;
        }
        return rho;
    }

    /**
     * Computes the unit eigenvectors of the p&times;p matrix &Phi;&#7488;&Phi; with the cyclic Jacobi
     * algorithm, in the order of {@link #eigenvaluesDescending(double[][])} (their signs are
     * arbitrary).
     *
     * @param phi n&times;p features
     * @return a p&times;p orthogonal matrix whose column k is the k-th eigenvector
     */
    public static double[][] eigenvectorsDescending(double[][] phi) {
        return jacobi(gramOfColumns(phi)).vectors;
    }

    // ------------------------------------------------------------------------------------------
    // Cumulative quality / utilisation
    // ------------------------------------------------------------------------------------------

    /**
     * Computes the paper's cumulative quality/utilisation &Pi;(k), k = 1..p (eq. 5, with the QR step
     * of appendix J.3.1), by explicit orthogonalisation of n<sub>test</sub>-vectors:
     *
     * <ol>
     *   <li>eigen-decompose trainPhi&#7488;trainPhi (Jacobi) into u<sub>k</sub>, &lambda;<sub>k</sub>,
     *       descending; keep the k with &lambda;<sub>k</sub> &gt; {@code eigenFloor} &times;
     *       &lambda;<sub>1</sub> (the others contribute 0);
     *   <li>on the test set form e<sub>k</sub> = testPhi u<sub>k</sub> / &radic;&lambda;<sub>k</sub> for
     *       the kept k, in descending order;
     *   <li>orthonormalise them in that order by modified Gram&ndash;Schmidt with
     *       re-orthogonalisation into q<sub>k</sub>, dropping a vector whose residual norm&sup2; is &le;
     *       {@code dropTol} &times; its original norm&sup2; (it contributes 0);
     *   <li>build an orthonormal basis z<sub>1..r</sub> of the column span of g (not centred; same
     *       procedure, dropping a column whose residual norm is &le; {@code rankTol} &times; its
     *       original norm);
     *   <li>Q(k) = &Sigma;<sub>j</sub> (q<sub>k</sub>&#7488;z<sub>j</sub>)&sup2; / r and &Pi;(k) =
     *       &Sigma;<sub>i&le;k</sub> Q(i).
     * </ol>
     *
     * &Pi; is non-decreasing, flat after the last kept eigenfunction, and never exceeds 1.
     *
     * @param trainPhi n<sub>train</sub>&times;p training features (define the eigenfunctions)
     * @param testPhi n<sub>test</sub>&times;p test features
     * @param g n<sub>test</sub>&times;C target function values on the test set
     * @param eigenFloor relative eigenvalue floor (kept iff &lambda;<sub>k</sub> &gt; eigenFloor
     *     &times; &lambda;<sub>1</sub>)
     * @param dropTol relative squared residual at or below which an eigenfunction is dropped
     * @param rankTol relative residual norm at or below which a column of g is dropped
     * @return &Pi;(1..p) (length p); all zeros when no eigenfunction is kept or g spans {0}
     */
    public static double[] cumulativeProjection(
            double[][] trainPhi,
            double[][] testPhi,
            double[][] g,
            double eigenFloor,
            double dropTol,
            double rankTol) {
        int p = cols(trainPhi);
        if (cols(testPhi) != p) {
            throw new IllegalArgumentException(
                    "trainPhi has " + p + " columns but testPhi has " + cols(testPhi));
        }
        requireSameRows(testPhi, g);
        int nTest = testPhi.length;
        double[] pi = new double[p];

        Eigen eigen = jacobi(gramOfColumns(trainPhi));
        double lambda1 = p == 0 ? 0.0 : eigen.values[0];
        double[][] z = orthonormalise(columns(g), rankTol * rankTol);
        int r = 0;
        for (double[] zj : z) {
            if (zj != null) {
                r++;
            }
        }
        if (!(lambda1 > 0.0) || r == 0) {
            return pi;
        }

        // e_k on the test set for the kept k, in descending order (a prefix, since sorted).
        double[][] e = new double[p][];
        for (int k = 0; k < p; k++) {
            double lambda = eigen.values[k];
            if (!(lambda > eigenFloor * lambda1)) {
                continue;
            }
            double scale = 1.0 / Math.sqrt(lambda);
            double[] ek = new double[nTest];
            for (int i = 0; i < nTest; i++) {
                double s = 0.0;
                for (int j = 0; j < p; j++) {
                    s += testPhi[i][j] * eigen.vectors[j][k];
                }
                ek[i] = s * scale;
            }
            e[k] = ek;
        }
        double[][] q = orthonormalise(e, dropTol);

        double running = 0.0;
        for (int k = 0; k < p; k++) {
            if (q[k] != null) {
                double quality = 0.0;
                for (double[] zj : z) {
                    if (zj != null) {
                        double d = dot(q[k], zj);
                        quality += d * d;
                    }
                }
                running += quality / r;
            }
            pi[k] = running;
        }
        return pi;
    }

    // ------------------------------------------------------------------------------------------
    // Effective dimension
    // ------------------------------------------------------------------------------------------

    /**
     * Computes the effective dimension of eq. 9 of the paper: D_eff = 1 + exp(&minus;&Sigma;<sub>i&ge;2</sub>
     * &pi;<sub>i</sub> ln &pi;<sub>i</sub>) with &pi;<sub>i</sub> = &rho;<sub>i</sub> /
     * &Sigma;<sub>j&ge;2</sub> &rho;<sub>j</sub> (indices from 1; the first entry is excluded).
     * Terms with &pi;<sub>i</sub> = 0 contribute 0; negative entries (round-off) are treated as 0.
     *
     * @param rhoDescending the eigenvalues, largest first
     * @return D_eff, or 1 when &Sigma;<sub>j&ge;2</sub> &rho;<sub>j</sub> = 0 (or fewer than two
     *     entries)
     */
    public static double effectiveDimension(double[] rhoDescending) {
        double sum = 0.0;
        for (int i = 1; i < rhoDescending.length; i++) {
            sum += Math.max(0.0, rhoDescending[i]);
        }
        if (!(sum > 0.0)) {
            return 1.0;
        }
        double entropy = 0.0;
        for (int i = 1; i < rhoDescending.length; i++) {
            double pi = Math.max(0.0, rhoDescending[i]) / sum;
            if (pi > 0.0) {
                entropy -= pi * Math.log(pi);
            }
        }
        return 1.0 + Math.exp(entropy);
    }

    // ------------------------------------------------------------------------------------------
    // Neural-collapse baselines (explicit per-sample loops)
    // ------------------------------------------------------------------------------------------

    /**
     * Computes the within-class covariance of eq. 33 of the paper, &Sigma;<sub>W</sub> = &Sigma;<sub>c</sub>
     * E<sub>x&isin;A<sub>c</sub></sub>[(&phi; &minus; &mu;<sub>c</sub>)(&phi; &minus; &mu;<sub>c</sub>)&#7488;]
     * = &Sigma;<sub>c</sub> (1/n<sub>c</sub>) &Sigma;<sub>i&isin;c</sub> (&phi;<sub>i</sub> &minus;
     * &mu;<sub>c</sub>)(&phi;<sub>i</sub> &minus; &mu;<sub>c</sub>)&#7488;, with a loop over samples, where
     * &mu;<sub>c</sub> are the class means; classes with no samples are left out. For balanced classes this is
     * (C'/n) times the pooled scatter; for unbalanced ones each class is weighted by 1/n<sub>c</sub>.
     *
     * @param phi n&times;p features
     * @param labels n class labels in 0..C&minus;1 (classes with no samples are ignored)
     * @return the p&times;p matrix &Sigma;<sub>W</sub>
     */
    public static double[][] withinClassCovariance(double[][] phi, int[] labels) {
        ClassMeans cm = classMeans(phi, labels);
        int n = phi.length;
        int p = cols(phi);
        double[][] sigma = new double[p][p];
        double[] d = new double[p];
        for (int i = 0; i < n; i++) {
            double[] mu = cm.means[labels[i]];
            double weight = 1.0 / cm.counts[labels[i]];
            for (int a = 0; a < p; a++) {
                d[a] = phi[i][a] - mu[a];
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    sigma[a][b] += weight * d[a] * d[b];
                }
            }
        }
        return sigma;
    }

    /**
     * Computes the between-class covariance &Sigma;<sub>b</sub> = (1/C') &Sigma;<sub>c</sub>
     * (&mu;<sub>c</sub> &minus; &mu;&#772;)(&mu;<sub>c</sub> &minus; &mu;&#772;)&#7488; over the C'
     * classes present, where &mu;&#772; = (1/C') &Sigma;<sub>c</sub> &mu;<sub>c</sub> is the
     * unweighted mean of the class means.
     *
     * @param phi n&times;p features
     * @param labels n class labels in 0..C&minus;1 (classes with no samples are ignored)
     * @return the p&times;p matrix &Sigma;<sub>b</sub>
     */
    public static double[][] betweenClassCovariance(double[][] phi, int[] labels) {
        ClassMeans cm = classMeans(phi, labels);
        int p = cols(phi);
        double[] muBar = new double[p];
        for (int c = 0; c < cm.means.length; c++) {
            if (cm.counts[c] > 0) {
                for (int a = 0; a < p; a++) {
                    muBar[a] += cm.means[c][a];
                }
            }
        }
        for (int a = 0; a < p; a++) {
            muBar[a] /= cm.present;
        }
        double[][] sigma = new double[p][p];
        for (int c = 0; c < cm.means.length; c++) {
            if (cm.counts[c] == 0) {
                continue;
            }
            for (int a = 0; a < p; a++) {
                for (int b = 0; b < p; b++) {
                    sigma[a][b] += (cm.means[c][a] - muBar[a]) * (cm.means[c][b] - muBar[b]);
                }
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                sigma[a][b] /= cm.present;
            }
        }
        return sigma;
    }

    /**
     * Computes the neural-collapse metric NC1 = Tr((&Sigma;<sub>b</sub> + &epsilon;I)<sup>&minus;1</sup>
     * &Sigma;<sub>W</sub>), the inverse by Gauss&ndash;Jordan elimination with partial pivoting.
     *
     * @param phi n&times;p features
     * @param labels n class labels in 0..C&minus;1 (classes with no samples are ignored)
     * @param epsilon ridge added to the diagonal of &Sigma;<sub>b</sub>
     * @return NC1
     * @throws ArithmeticException when &Sigma;<sub>b</sub> + &epsilon;I is singular
     */
    public static double nc1(double[][] phi, int[] labels, double epsilon) {
        double[][] sigmaW = withinClassCovariance(phi, labels);
        double[][] sigmaB = betweenClassCovariance(phi, labels);
        int p = sigmaB.length;
        for (int a = 0; a < p; a++) {
            sigmaB[a][a] += epsilon;
        }
        double[][] inverse = gaussJordanInverse(sigmaB);
        double trace = 0.0;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                trace += inverse[a][b] * sigmaW[b][a];
            }
        }
        return trace;
    }

    /**
     * Computes Tr(&Sigma;<sub>W</sub>), the trace of {@link #withinClassCovariance(double[][], int[])}.
     *
     * @param phi n&times;p features
     * @param labels n class labels in 0..C&minus;1 (classes with no samples are ignored)
     * @return the trace of the within-class covariance
     */
    public static double traceWithinClass(double[][] phi, int[] labels) {
        double[][] sigmaW = withinClassCovariance(phi, labels);
        double trace = 0.0;
        for (int a = 0; a < sigmaW.length; a++) {
            trace += sigmaW[a][a];
        }
        return trace;
    }

    // ------------------------------------------------------------------------------------------
    // Small public helpers
    // ------------------------------------------------------------------------------------------

    /**
     * Computes the matrix product AB with a triple loop.
     *
     * @param a m&times;k matrix
     * @param b k&times;n matrix
     * @return the m&times;n product
     */
    public static double[][] matmul(double[][] a, double[][] b) {
        int m = a.length;
        int k = cols(a);
        if (b.length != k) {
            throw new IllegalArgumentException(
                    "inner dimensions differ: " + k + " columns vs " + b.length + " rows");
        }
        int n = cols(b);
        double[][] c = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int l = 0; l < k; l++) {
                double ail = a[i][l];
                if (ail == 0.0) {
                    continue;
                }
                for (int j = 0; j < n; j++) {
                    c[i][j] += ail * b[l][j];
                }
            }
        }
        return c;
    }

    /**
     * Computes the transpose of a matrix.
     *
     * @param a m&times;n matrix
     * @return the n&times;m transpose
     */
    public static double[][] transpose(double[][] a) {
        int m = a.length;
        int n = cols(a);
        double[][] t = new double[n][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /**
     * Draws an n&times;p matrix of independent standard normal entries from
     * {@code new java.util.Random(seed).nextGaussian()}, filled row by row.
     *
     * @param seed the random seed
     * @param n number of rows
     * @param p number of columns
     * @return the n&times;p matrix
     */
    public static double[][] randomGaussian(long seed, int n, int p) {
        Random random = new Random(seed);
        double[][] m = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                m[i][j] = random.nextGaussian();
            }
        }
        return m;
    }

    // ------------------------------------------------------------------------------------------
    // Internals
    // ------------------------------------------------------------------------------------------

    /** The n&times;n Gram matrix XX&#7488; of the rows of x. */
    private static double[][] gram(double[][] x) {
        int n = x.length;
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double v = dot(x[i], x[j]);
                k[i][j] = v;
                k[j][i] = v;
            }
        }
        return k;
    }

    /** The p&times;p matrix X&#7488;X of the columns of x. */
    private static double[][] gramOfColumns(double[][] x) {
        int p = cols(x);
        double[][] a = new double[p][p];
        for (double[] row : x) {
            for (int i = 0; i < p; i++) {
                for (int j = 0; j <= i; j++) {
                    a[i][j] += row[i] * row[j];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                a[j][i] = a[i][j];
            }
        }
        return a;
    }

    /** HKH for a square n&times;n matrix K, computed as K_ij &minus; r_i &minus; c_j + m. */
    private static double[][] centre(double[][] k) {
        int n = k.length;
        double[] rowMean = new double[n];
        double[] colMean = new double[n];
        double grand = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                rowMean[i] += k[i][j];
                colMean[j] += k[i][j];
                grand += k[i][j];
            }
        }
        for (int i = 0; i < n; i++) {
            rowMean[i] /= n;
            colMean[i] /= n;
        }
        grand /= (double) n * n;
        double[][] c = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                c[i][j] = k[i][j] - rowMean[i] - colMean[j] + grand;
            }
        }
        return c;
    }

    /** HX: x with each column's mean subtracted. */
    private static double[][] centreColumns(double[][] x) {
        int n = x.length;
        int p = cols(x);
        double[] mean = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                mean[j] += row[j];
            }
        }
        double[][] c = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                c[i][j] = x[i][j] - mean[j] / n;
            }
        }
        return c;
    }

    /** Tr(A B) / (|A|_F |B|_F) for symmetric n&times;n A, B; NaN when either norm is zero. */
    private static double centredAlignment(double[][] a, double[][] b) {
        int n = a.length;
        double cross = 0.0;
        double aa = 0.0;
        double bb = 0.0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                // Tr(AB) = sum_ij A_ij B_ji
                cross += a[i][j] * b[j][i];
                aa += a[i][j] * a[i][j];
                bb += b[i][j] * b[i][j];
            }
        }
        if (!(aa > 0.0) || !(bb > 0.0)) {
            return Double.NaN;
        }
        return cross / (Math.sqrt(aa) * Math.sqrt(bb));
    }

    /** The columns of an n&times;p matrix as p separate n-vectors. */
    private static double[][] columns(double[][] x) {
        return transpose(x);
    }

    /**
     * Modified Gram&ndash;Schmidt with one full re-orthogonalisation pass ("twice is enough"),
     * processing the vectors in order. Entry k of the result is the unit vector q_k, or null when
     * v_k was null or its residual norm&sup2; is &le; relSqTol &times; its original norm&sup2;.
     */
    private static double[][] orthonormalise(double[][] vectors, double relSqTol) {
        double[][] out = new double[vectors.length][];
        double[][] basis = new double[vectors.length][];
        int size = 0;
        for (int k = 0; k < vectors.length; k++) {
            if (vectors[k] == null) {
                continue;
            }
            double[] v = vectors[k].clone();
            double original = dot(v, v);
            for (int pass = 0; pass < 2; pass++) {
                for (int b = 0; b < size; b++) {
                    double coefficient = dot(basis[b], v);
                    double[] q = basis[b];
                    for (int i = 0; i < v.length; i++) {
                        v[i] -= coefficient * q[i];
                    }
                }
            }
            double residual = dot(v, v);
            if (residual <= relSqTol * original || !(residual > 0.0)) {
                continue;
            }
            double inverseNorm = 1.0 / Math.sqrt(residual);
            for (int i = 0; i < v.length; i++) {
                v[i] *= inverseNorm;
            }
            basis[size++] = v;
            out[k] = v;
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0.0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Eigenvalues (descending) and matching unit eigenvectors (as columns). */
    private static final class Eigen {
        final double[] values;
        final double[][] vectors;

        Eigen(double[] values, double[][] vectors) {
            this.values = values;
            this.vectors = vectors;
        }
    }

    /**
     * Cyclic Jacobi eigenvalue algorithm for a symmetric matrix (which is not modified): sweeps over
     * all pairs (i, j), i &lt; j, annihilating a_ij with a plane rotation, until the off-diagonal
     * Frobenius norm is negligible. Results are sorted by descending eigenvalue.
     */
    private static Eigen jacobi(double[][] symmetric) {
        int p = symmetric.length;
        double[][] a = new double[p][];
        for (int i = 0; i < p; i++) {
            a[i] = symmetric[i].clone();
        }
        double[][] v = new double[p][p];
        double total = 0.0;
        for (int i = 0; i < p; i++) {
            v[i][i] = 1.0;
            for (int j = 0; j < p; j++) {
                total += a[i][j] * a[i][j];
            }
        }
        double threshold = JACOBI_RELATIVE_TOLERANCE * JACOBI_RELATIVE_TOLERANCE * total;
        for (int sweep = 0; sweep < JACOBI_MAX_SWEEPS; sweep++) {
            double off = 0.0;
            for (int i = 0; i < p; i++) {
                for (int j = i + 1; j < p; j++) {
                    off += 2.0 * a[i][j] * a[i][j];
                }
            }
            if (off <= threshold) {
                break;
            }
            for (int i = 0; i < p - 1; i++) {
                for (int j = i + 1; j < p; j++) {
                    rotate(a, v, i, j);
                }
            }
        }
        Integer[] order = new Integer[p];
        for (int k = 0; k < p; k++) {
            order[k] = k;
        }
        Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] values = new double[p];
        double[][] vectors = new double[p][p];
        for (int k = 0; k < p; k++) {
            int src = order[k];
            values[k] = a[src][src];
            for (int i = 0; i < p; i++) {
                vectors[i][k] = v[i][src];
            }
        }
        return new Eigen(values, vectors);
    }

    /** One Jacobi rotation A &larr; J&#7488;AJ, V &larr; VJ that zeroes a_ij (i &lt; j). */
    private static void rotate(double[][] a, double[][] v, int i, int j) {
        double aij = a[i][j];
        if (aij == 0.0) {
            return;
        }
        double theta = (a[j][j] - a[i][i]) / (2.0 * aij);
        double t;
        if (Math.abs(theta) > 1e150) {
            t = 0.5 / theta;
        } else {
            t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1.0));
            if (theta == 0.0) {
                t = 1.0;
            }
        }
        double c = 1.0 / Math.sqrt(t * t + 1.0);
        double s = t * c;
        int p = a.length;
        // Columns i and j: B = A J.
        for (int k = 0; k < p; k++) {
            double aki = a[k][i];
            double akj = a[k][j];
            a[k][i] = c * aki - s * akj;
            a[k][j] = s * aki + c * akj;
        }
        // Rows i and j: A' = J^T B.
        for (int k = 0; k < p; k++) {
            double aik = a[i][k];
            double ajk = a[j][k];
            a[i][k] = c * aik - s * ajk;
            a[j][k] = s * aik + c * ajk;
        }
        a[i][j] = 0.0;
        a[j][i] = 0.0;
        for (int k = 0; k < p; k++) {
            double vki = v[k][i];
            double vkj = v[k][j];
            v[k][i] = c * vki - s * vkj;
            v[k][j] = s * vki + c * vkj;
        }
    }

    /** Class means, per-class counts and the number of classes present. */
    private static final class ClassMeans {
        final double[][] means;
        final int[] counts;
        final int present;

        ClassMeans(double[][] means, int[] counts, int present) {
            this.means = means;
            this.counts = counts;
            this.present = present;
        }
    }

    private static ClassMeans classMeans(double[][] phi, int[] labels) {
        if (labels.length != phi.length) {
            throw new IllegalArgumentException(
                    labels.length + " labels for " + phi.length + " samples");
        }
        if (phi.length == 0) {
            throw new IllegalArgumentException("no samples");
        }
        int classes = 0;
        for (int label : labels) {
            if (label < 0) {
                throw new IllegalArgumentException("negative label " + label);
            }
            classes = Math.max(classes, label + 1);
        }
        int p = cols(phi);
        double[][] means = new double[classes][p];
        int[] counts = new int[classes];
        for (int i = 0; i < phi.length; i++) {
            counts[labels[i]]++;
            for (int a = 0; a < p; a++) {
                means[labels[i]][a] += phi[i][a];
            }
        }
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (counts[c] > 0) {
                present++;
                for (int a = 0; a < p; a++) {
                    means[c][a] /= counts[c];
                }
            }
        }
        return new ClassMeans(means, counts, present);
    }

    /** Inverse by Gauss&ndash;Jordan elimination on [M | I] with partial (row) pivoting. */
    private static double[][] gaussJordanInverse(double[][] m) {
        int p = m.length;
        double[][] aug = new double[p][2 * p];
        for (int i = 0; i < p; i++) {
            if (m[i].length != p) {
                throw new IllegalArgumentException("matrix is not square");
            }
            System.arraycopy(m[i], 0, aug[i], 0, p);
            aug[i][p + i] = 1.0;
        }
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(aug[r][col]) > Math.abs(aug[pivot][col])) {
                    pivot = r;
                }
            }
            if (aug[pivot][col] == 0.0) {
                throw new ArithmeticException("singular matrix (zero pivot in column " + col + ")");
            }
            double[] swap = aug[pivot];
            aug[pivot] = aug[col];
            aug[col] = swap;
            double inv = 1.0 / aug[col][col];
            for (int k = 0; k < 2 * p; k++) {
                aug[col][k] *= inv;
            }
            for (int r = 0; r < p; r++) {
                if (r == col) {
                    continue;
                }
                double factor = aug[r][col];
                if (factor == 0.0) {
                    continue;
                }
                for (int k = 0; k < 2 * p; k++) {
                    aug[r][k] -= factor * aug[col][k];
                }
            }
        }
        double[][] inverse = new double[p][p];
        for (int i = 0; i < p; i++) {
            System.arraycopy(aug[i], p, inverse[i], 0, p);
        }
        return inverse;
    }

    private static int cols(double[][] x) {
        if (x.length == 0) {
            return 0;
        }
        int c = x[0].length;
        for (double[] row : x) {
            if (row.length != c) {
                throw new IllegalArgumentException("ragged matrix");
            }
        }
        return c;
    }

    private static void requireSameRows(double[][] a, double[][] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "sample counts differ: " + a.length + " vs " + b.length);
        }
        cols(a);
        cols(b);
    }
}
