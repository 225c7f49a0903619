"""Reference values of MBG/NBD E[X(t)] for TestMBGNBDPublished: the
expectation by quadrature of its definition (Batislam, Denizel & Filiztekin
2007): a customer may drop out at time 0 and after each purchase with
probability p, so E[X(t) | λ, p] = (1−p)/p · (1 − e^{−λpt}); λ ~ Gamma(r, α)
gives (α/(α+pt))^r and p ~ Beta(a, b) is integrated numerically.

    python3 mbgnbd_expected.py      (Debian: apt-get install python3-mpmath)
"""
from mpmath import mp, quad, mpf, beta

mp.dps = 25
r, al, a, b = mpf("0.525"), mpf("6.183"), mpf("0.891"), mpf("1.614")
for t in ["0.1429", "1", "3", "31.8571", "32", "78"]:
    t = mpf(t)
    f = lambda p: (1 - p) / p * (1 - (al / (al + p * t)) ** r) * p ** (a - 1) * (1 - p) ** (b - 1) / beta(a, b)
    print(t, quad(f, [0, mpf("1e-6"), mpf("0.01"), mpf("0.1"), 1]))
