"""Throwaway timing of numpy doing the facade's work the efficient way (PERFORMANCE.md, "Facade against numpy").

D_LR = 1 - CKA(Phi, f) from centred Gram-free norms: ||Phi_c^T f_c||_F^2 / (||Phi_c^T Phi_c||_F ||f_c^T f_c||_F).
Analysis: D_LR plus eigh of the p x p centred moment of Phi, projections of f and Y on the eigenfunctions
(own probe: U^T Phi_c^T f_c / sqrt(n rho)), cumulative Pi-hat and Pi*. Usage: python3 facade_numpy_timing.py [n p C runs]
"""
import sys
import time

import numpy as np


def dlr(phi, f):
    pc = phi - phi.mean(0)
    fc = f - f.mean(0)
    cross = pc.T @ fc
    kpp = pc.T @ pc
    kff = fc.T @ fc
    return 1.0 - (cross * cross).sum() / (np.linalg.norm(kpp) * np.linalg.norm(kff))


def analysis(phi, f, y):
    n = phi.shape[0]
    pc = phi - phi.mean(0)
    fc = f - f.mean(0)
    yc = y - y.mean(0)
    m = pc.T @ np.hstack([pc, fc, yc])
    p, c = phi.shape[1], f.shape[1]
    kpp, cross_f, cross_y = m[:, :p], m[:, p:p + c], m[:, p + c:]
    kff = fc.T @ fc
    d = 1.0 - (cross_f * cross_f).sum() / (np.linalg.norm(kpp) * np.linalg.norm(kff))
    rho, u = np.linalg.eigh(kpp / n)
    rho, u = rho[::-1], u[:, ::-1]
    keep = rho > 1e-12 * rho[0]
    scale = np.zeros_like(rho)
    scale[keep] = 1.0 / np.sqrt(n * rho[keep])
    qf = ((u.T @ cross_f) * scale[:, None]) ** 2
    qy = ((u.T @ cross_y) * scale[:, None]) ** 2
    util = np.cumsum(qf.sum(1)) / (fc * fc).sum()
    qual = np.cumsum(qy.sum(1)) / (yc * yc).sum()
    return d, rho, util, qual


def median_ms(work, runs):
    work()
    work()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1e3)
    times.sort()
    return times[len(times) // 2], times[0], times[-1]


def main():
    n, p, c, runs = ([int(a) for a in sys.argv[1:5]] + [8192, 1024, 100, 7][len(sys.argv) - 1:])[:4]
    rng = np.random.default_rng(17)
    phi = rng.standard_normal((n, p)) + 0.5
    f = phi @ rng.standard_normal((p, c)) + rng.standard_normal((n, c))
    y = np.zeros((n, c))
    y[np.arange(n), np.arange(n) % c] = 1.0
    print("numpy", np.__version__, "D_LR %.6f" % dlr(phi, f))
    for name, work in (("dlr", lambda: dlr(phi, f)), ("analysis", lambda: analysis(phi, f, y))):
        med, lo, hi = median_ms(work, runs)
        print("%-10s median %8.1f ms  min %8.1f  max %8.1f  (%d runs)" % (name, med, lo, hi, runs))


if __name__ == "__main__":
    main()
