"""Reference log-likelihoods and standard errors of the BG/NBD and Pareto/NBD
fits to the CDNOW sample for TestStandardErrorsReference: the
log-likelihood at 30 digits — BG/NBD after Fader, Hardie & Lee (2005,
equation 6), Pareto/NBD after Fader & Hardie's note "A Note on Deriving the
Pareto/NBD Model and Related Expressions" (2005, equations 19–22), with
mpmath's hyp2f1 — its Hessian by mpmath's differentiation at the fitted
parameters given as arguments, inverted.

    python3 se_reference.py bgnbd 0.24259451384211811 4.4136018812201856 0.79292191675291146 2.4259066267211993
    python3 se_reference.py paretonbd 0.55327704707252057 10.577683710603077 0.60624001326815569 11.668736262187547

(Debian: apt-get install python3-mpmath.)
"""
import csv
import os
import sys
from collections import Counter

from mpmath import mp, mpf, loggamma, log, exp, matrix, diff, sqrt, inverse, hyp2f1

mp.dps = 30
path = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "cdnow_sample_cbs_cal39w_holdout39w.csv")
rows = list(csv.reader(open(path)))[1:]
cnt = Counter((mpf(r[2]), mpf(r[3]), mpf(r[4])) for r in rows)


def ll_bgnbd(r, al, a, b):
    s = mpf(0)
    lb = loggamma(a) + loggamma(b) - loggamma(a + b)
    for (x, tx, T), w in cnt.items():
        base = loggamma(r + x) - loggamma(r) + r * log(al)
        A1 = loggamma(a) + loggamma(b + x) - loggamma(a + b + x) - lb + base - (r + x) * log(al + T)
        if x > 0:
            A2 = loggamma(a + 1) + loggamma(b + x - 1) - loggamma(a + b + x) - lb + base - (r + x) * log(al + tx)
            m = max(A1, A2)
            v = m + log(exp(A1 - m) + exp(A2 - m))
        else:
            v = A1
        s += w * v
    return s


def ll_paretonbd(r, al, s, be):
    tot = mpf(0)
    for (x, tx, T), w in cnt.items():
        base = loggamma(r + x) - loggamma(r) + r * log(al) + s * log(be)
        rsx = r + s + x
        if al >= be:
            a1, b1, m1 = rsx, s + 1, al
            z = lambda t: (al - be) / (al + t)
        else:
            a1, b1, m1 = rsx, r + x, be
            z = lambda t: (be - al) / (be + t)
        A0 = hyp2f1(a1, b1, rsx + 1, z(tx)) / (m1 + tx) ** rsx - hyp2f1(a1, b1, rsx + 1, z(T)) / (m1 + T) ** rsx
        L = 1 / ((al + T) ** (r + x) * (be + T) ** s) + s / rsx * A0
        tot += w * (base + log(L))
    return tot


ll = {"bgnbd": ll_bgnbd, "paretonbd": ll_paretonbd}[sys.argv[1]]
th = [mpf(v) for v in sys.argv[2:6]]
H = matrix(4, 4)
for i in range(4):
    for j in range(i, 4):
        o = [0] * 4
        o[i] += 1
        o[j] += 1
        H[i, j] = H[j, i] = -diff(ll, th, tuple(o))
C = inverse(H)
print("LL", ll(*th))
print("SE", [mp.nstr(sqrt(C[i, i]), 15) for i in range(4)])
