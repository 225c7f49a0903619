"""Reference standard errors of the BG/NBD fit to the CDNOW sample for
TestStandardErrorsReference: the log-likelihood (Fader, Hardie & Lee 2005,
equation 6) at 30 digits, its Hessian by mpmath's differentiation at the
fitted parameters given as arguments, inverted.

    python3 bgnbd_se.py 0.24259451384211811 4.4136018812201856 0.79292191675291146 2.4259066267211993
"""
import csv, sys
from mpmath import mp, mpf, loggamma, log, exp, matrix, diff, sqrt, inverse, beta
mp.dps = 30
rows = list(csv.reader(open(__import__('os').path.join(__import__('os').path.dirname(__file__), '..', '..', '..', 'shared', 'data', 'cdnow_sample_cbs_cal39w_holdout39w.csv'))))[1:]
data = [(mpf(r[2]), mpf(r[3]), mpf(r[4])) for r in rows]
from collections import Counter
cnt = Counter(data)
def ll(r, al, a, b):
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
th = [mpf(v) for v in sys.argv[1:5]]
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
