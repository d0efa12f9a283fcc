package io.github.richness.core;

import io.github.richness.device.HostTransfer;
import io.github.richness.moments.Diagonals;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Gram–Schmidt in order, done on a Gram matrix: the Cholesky factorisation EᵀE = L Lᵀ of the Gram matrix
 * of vectors e_1 … e_m, computed column by column in the given order, dropping each vector that is
 * numerically in the span of the ones before it.
 *
 * <p>This is the QR step of appendix J.3.1 without the n × m matrix E: with E = Q R, R = Lᵀ, and the
 * coordinates of the orthonormalised vectors q_k against any matrix Z are the rows of L⁻¹ (EᵀZ). A vector is
 * dropped when its residual norm² after projecting out the earlier ones (the Schur-complement diagonal) is
 * at most {@link #RESIDUAL_DROP_TOLERANCE} times its own norm²; a dropped column of L is the unit vector,
 * so it passes nothing to later columns, and its row of L⁻¹(EᵀZ) is zeroed by the caller through
 * {@link Factor#keep()}. The result is therefore defined for singular and indefinite-by-round-off input.
 *
 * <p>Right-looking and blocked: a diagonal block of {@link #BLOCK} columns is factorised one column at a
 * time (one scalar to the host per column, for the drop decision), the panel below it by a triangular
 * solve, the trailing matrix by one matrix product. All of it runs on the ND4J backend.
 */
final class OrderedCholesky {

    /** A vector whose residual norm² is at most this fraction of its norm² is dropped as dependent. */
    static final double RESIDUAL_DROP_TOLERANCE = 1e-10;

    /** Columns factorised one at a time before a blocked panel update. */
    static final int BLOCK = 64;

    private OrderedCholesky() {
    }

    /**
     * @param lower the m × m lower-triangular factor (dropped columns are unit vectors)
     * @param keep an m-vector, 1 for kept columns and 0 for dropped ones, in the backend's memory
     * @param dropped the number of dropped columns
     */
    record Factor(INDArray lower, INDArray keep, int dropped) {

        /**
         * @param coordinates EᵀZ (m × r)
         * @return L⁻¹ EᵀZ with dropped rows zeroed: row k holds the coordinates q_kᵀ Z
         */
        INDArray solve(INDArray coordinates) {
            INDArray solution = Nd4j.exec(new TriangularSolve(lower, coordinates.dup(), true, false))[0];
            return solution.muliColumnVector(keep.reshape(keep.length(), 1));
        }
    }

    /**
     * @param gram the symmetric m × m Gram matrix EᵀE (read only; its lower and upper parts are averaged)
     * @return the factor
     */
    static Factor factor(INDArray gram) {
        int m = gram.rows();
        INDArray a = gram.add(gram.transpose()).muli(0.5).dup('c');
        double[] norms = HostTransfer.vector(Diagonals.of(a), m);
        double[] keep = new double[m];
        for (int start = 0; start < m; start += BLOCK) {
            int end = Math.min(start + BLOCK, m);
            factorDiagonalBlock(a, start, end, norms, keep);
            if (end < m) {
                updatePanelAndTrailing(a, start, end, keep);
            }
        }
        int dropped = 0;
        for (double k : keep) {
            dropped += k == 0 ? 1 : 0;
        }
        return new Factor(a, Nd4j.createFromArray(keep), dropped);
    }

    private static void factorDiagonalBlock(INDArray a, int start, int end, double[] norms, double[] keep) {
        for (int j = start; j < end; j++) {
            double residual = HostTransfer.scalar(a.getScalar(j, j));
            boolean kept = residual > RESIDUAL_DROP_TOLERANCE * norms[j] && norms[j] > 0;
            double pivot = kept ? Math.sqrt(residual) : 1.0;
            keep[j] = kept ? 1 : 0;
            a.putScalar(j, j, pivot);
            if (j + 1 == end) {
                continue;
            }
            INDArray below = a.get(NDArrayIndex.interval(j + 1, end), NDArrayIndex.point(j));
            if (kept) {
                INDArray column = below.divi(pivot).reshape(end - j - 1, 1);
                a.get(NDArrayIndex.interval(j + 1, end), NDArrayIndex.interval(j + 1, end))
                        .subi(column.mmul(column.transpose()));
            } else {
                below.assign(0);
            }
            a.get(NDArrayIndex.point(j), NDArrayIndex.interval(j + 1, end)).assign(0);
        }
    }

    private static void updatePanelAndTrailing(INDArray a, int start, int end, double[] keep) {
        long m = a.rows();
        INDArray diagonalBlock = a.get(NDArrayIndex.interval(start, end), NDArrayIndex.interval(start, end)).dup();
        INDArray panelView = a.get(NDArrayIndex.interval(end, m), NDArrayIndex.interval(start, end));
        INDArray solved = Nd4j.exec(new TriangularSolve(diagonalBlock, panelView.transpose().dup(), true, false))[0];
        INDArray panel = solved.transpose().dup()
                .muliRowVector(Nd4j.createFromArray(java.util.Arrays.copyOfRange(keep, start, end)));
        panelView.assign(panel);
        a.get(NDArrayIndex.interval(end, m), NDArrayIndex.interval(end, m)).subi(panel.mmul(panel.transpose()));
        a.get(NDArrayIndex.interval(start, end), NDArrayIndex.interval(end, m)).assign(0);
    }
}
