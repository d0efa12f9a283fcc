package io.github.richness.device;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.TriangularSolve;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link SymmetricKernels#orderedCholesky(INDArray, double[], double)} with ND4J operations on any backend:
 * right-looking and blocked, a diagonal block of {@link SymmetricKernels#CHOLESKY_BLOCK} columns factorised
 * one column at a time (one scalar to the host per column, for the drop decision), the panel below it by a
 * triangular solve, the trailing matrix by one matrix product.
 */
final class NdOrderedCholesky {

    private NdOrderedCholesky() {
    }

    static double[] factor(INDArray a, double[] norms, double dropTolerance) {
        int m = a.rows();
        double[] keep = new double[m];
        for (int start = 0; start < m; start += SymmetricKernels.CHOLESKY_BLOCK) {
            int end = Math.min(start + SymmetricKernels.CHOLESKY_BLOCK, m);
            factorDiagonalBlock(a, start, end, norms, dropTolerance, keep);
            if (end < m) {
                updatePanelAndTrailing(a, start, end, keep);
            }
        }
        return keep;
    }

    private static void factorDiagonalBlock(INDArray a, int start, int end, double[] norms, double dropTolerance,
                                            double[] keep) {
        for (int j = start; j < end; j++) {
            double residual = HostTransfer.scalar(a.getScalar(j, j));
            boolean kept = residual > dropTolerance * norms[j] && norms[j] > 0;
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
                .muliRowVector(Nd4j.createFromArray(Arrays.copyOfRange(keep, start, end)));
        panelView.assign(panel);
        a.get(NDArrayIndex.interval(end, m), NDArrayIndex.interval(end, m)).subi(panel.mmul(panel.transpose()));
        a.get(NDArrayIndex.interval(start, end), NDArrayIndex.interval(end, m)).assign(0);
    }
}
