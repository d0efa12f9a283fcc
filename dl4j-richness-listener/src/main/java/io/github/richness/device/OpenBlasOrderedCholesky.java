package io.github.richness.device;

import static org.bytedeco.openblas.global.openblas.CblasLower;
import static org.bytedeco.openblas.global.openblas.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas.CblasNonUnit;
import static org.bytedeco.openblas.global.openblas.CblasRight;
import static org.bytedeco.openblas.global.openblas.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas.CblasTrans;
import static org.bytedeco.openblas.global.openblas.cblas_dsyrk;
import static org.bytedeco.openblas.global.openblas.cblas_dtrsm;
import static org.bytedeco.openblas.global.openblas.cblas_dtrsv;

import java.nio.DoubleBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@link SymmetricKernels#orderedCholesky(INDArray, double[], double)} on the CPU backend's own memory, the
 * structure of LAPACK's {@code dpotrf} with the drop rule added: a diagonal block of
 * {@link SymmetricKernels#CHOLESKY_BLOCK} columns is factorised column by column in place (a Java loop on a
 * direct buffer over the array's native memory, no copy), the panel below it by {@code cblas_dtrsm} (or,
 * where that routine is wrong, {@link KernelCheck}, by one level-2 {@code cblas_dtrsv} per panel row), the
 * trailing lower triangle by {@code cblas_dsyrk}. The upper triangle is zeroed at the end.
 */
final class OpenBlasOrderedCholesky {

    private OpenBlasOrderedCholesky() {
    }

    /**
     * @param a the matrix, overwritten with the factor
     * @param norms the original diagonal
     * @param dropTolerance the drop rule's relative residual
     * @param triangularLevel3 whether to solve the panels with {@code dtrsm} (else {@code dtrsv} per row)
     * @return per column, 1 if kept and 0 if dropped
     */
    static double[] factor(INDArray a, double[] norms, double dropTolerance, boolean triangularLevel3) {
        int m = a.rows();
        long length = (long) m * m;
        DoublePointer base = (DoublePointer) a.data().addressPointer();
        DoubleBuffer buffer = new DoublePointer(base).capacity(length).limit(length).asBuffer();
        DoublePointer panel = new DoublePointer(base);
        DoublePointer block = new DoublePointer(base);
        DoublePointer trailing = new DoublePointer(base);
        double[] keep = new double[m];
        for (int start = 0; start < m; start += SymmetricKernels.CHOLESKY_BLOCK) {
            int end = Math.min(start + SymmetricKernels.CHOLESKY_BLOCK, m);
            factorDiagonalBlock(buffer, m, start, end, norms, dropTolerance, keep);
            if (end < m) {
                int width = end - start;
                int rest = m - end;
                block.position((long) start * m + start);
                panel.position((long) end * m + start);
                trailing.position((long) end * m + end);
                solvePanel(block, panel, m, rest, width, triangularLevel3);
                zeroDroppedColumns(buffer, m, start, end, keep);
                cblas_dsyrk(CblasRowMajor, CblasLower, CblasNoTrans, rest, width, -1.0, panel, m, 1.0, trailing, m);
            }
        }
        zeroUpperTriangle(buffer, m);
        return keep;
    }

    /** Solves X L_blockᵀ = panel in place: panel row i is the solution x of L_block x = row i. */
    private static void solvePanel(DoublePointer block, DoublePointer panel, int m, int rest, int width,
                                   boolean triangularLevel3) {
        if (triangularLevel3) {
            cblas_dtrsm(CblasRowMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, rest, width, 1.0, block, m,
                    panel, m);
            return;
        }
        long first = panel.position();
        DoublePointer row = new DoublePointer(panel);
        for (int i = 0; i < rest; i++) {
            cblas_dtrsv(CblasRowMajor, CblasLower, CblasNoTrans, CblasNonUnit, width, block, m,
                    row.position(first + (long) i * m), 1);
        }
    }

    private static void factorDiagonalBlock(DoubleBuffer a, int m, int start, int end, double[] norms,
                                            double dropTolerance, double[] keep) {
        for (int j = start; j < end; j++) {
            double residual = a.get(j * m + j);
            boolean kept = residual > dropTolerance * norms[j] && norms[j] > 0;
            double pivot = kept ? Math.sqrt(residual) : 1.0;
            keep[j] = kept ? 1 : 0;
            a.put(j * m + j, pivot);
            for (int i = j + 1; i < end; i++) {
                a.put(i * m + j, kept ? a.get(i * m + j) / pivot : 0.0);
            }
            if (!kept) {
                continue;
            }
            for (int i = j + 1; i < end; i++) {
                double lij = a.get(i * m + j);
                for (int k = j + 1; k <= i; k++) {
                    a.put(i * m + k, a.get(i * m + k) - lij * a.get(k * m + j));
                }
            }
        }
    }

    private static void zeroDroppedColumns(DoubleBuffer a, int m, int start, int end, double[] keep) {
        for (int j = start; j < end; j++) {
            if (keep[j] == 0) {
                for (int i = end; i < m; i++) {
                    a.put(i * m + j, 0.0);
                }
            }
        }
    }

    private static void zeroUpperTriangle(DoubleBuffer a, int m) {
        for (int i = 0; i < m; i++) {
            for (int k = i + 1; k < m; k++) {
                a.put(i * m + k, 0.0);
            }
        }
    }
}
