"""High-precision reference values for TestReferenceTable (issue 16).

Each quantity is computed from the papers' formulas with mpmath at 50
digits, independently of the library's routes:

  BG/NBD (Fader, Hardie & Lee 2005, eqs. 7, 10 and 11)
    E[X(t)]        = (a+b-1)/(a-1) [1 - (al/(al+t))^r 2F1(r, b; a+b-1; t/(al+t))]
    P(alive)       = 1 / (1 + [x>0] a/(b+x-1) ((al+T)/(al+tx))^(r+x))
    E[Y(t) | x,tx,T] = P(alive) (a+b+x-1)/(a-1)
                     [1 - ((al+T)/(al+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; t/(al+T+t))]
    P(X(t) = n)    = B(a, b+n)/B(a, b) NBD(n; t) + [n>0] B(a+1, b+n-1)/B(a, b) P(NBD >= n),
                     P(NBD >= n) = I_{t/(al+t)}(n, r) by mpmath's betainc
  MBG/NBD (Batislam, Denizel & Filiztekin 2007)
    E[X(t)]        = b/(a-1) [1 - (al/(al+t))^r 2F1(r, b+1; a+b; t/(al+t))]
    P(alive)       = 1 / (1 + a/(b+x) ((al+T)/(al+tx))^(r+x))
    P(X(t) = n)    = B(a, b+n+1)/B(a, b) NBD(n; t) + B(a+1, b+n)/B(a, b) P(NBD >= n)
    E[Y(t) | ...]  = P(alive) (a+b+x)/(a-1)
                     [1 - ((al+T)/(al+T+t))^(r+x) 2F1(r+x, b+x+1; a+b+x; t/(al+T+t))]
  Pareto/NBD (Schmittlein, Morrison & Colombo 1987; Fader & Hardie 2005)
    P(X(t) = n)    = (be/(be+t))^s NBD(n; t) + int_0^t s be^s/(be+u)^(s+1) NBD(n; u) du,
                     NBD(n; u) = G(r+n)/(G(r) n!) (al/(al+u))^r (u/(al+u))^n,
                     the integral by Gauss-Legendre over v = ln(1 + u/be) on a uniform grid,
                     doubled until two grids agree to 1e-20
    ln L           = ln G(r+x) - ln G(r) + r ln al + s ln be
                     + ln[1/((al+T)^(r+x) (be+T)^s) + s/(r+s+x) A0],
                     A0 = 2F1(r+s+x, s+1; r+s+x+1; (al-be)/(al+tx))/(al+tx)^(r+s+x)
                        - 2F1(r+s+x, s+1; r+s+x+1; (al-be)/(al+T))/(al+T)^(r+s+x)
                     for al >= be, the mirror (be, r+x) for al < be
    P(alive)       = 1/(1 + s/(r+s+x) (al+T)^(r+x) (be+T)^s A0)
    DERT(d) / P(alive) = (r+x)/(al+T) (be+T)^s d^(s-1) U(s, s; d (be+T))
                     (Fader, Hardie & Lee 2005, JMR: DERT of a live customer,
                     with Tricomi's confluent hypergeometric function U)
  BG/NBD DERT     = d int_0^inf e^(-d t) E[Y(t) | x, tx, T] dt, E by the closed form
                     above, by tanh-sinh over t
  BG/BB (Fader, Hardie & Shang 2010), by their finite sums
    L, P(alive)    = B(al+x, be+n-x)/B(al,be) B(ga, de+n)/B(ga,de) / L
                     with L = that + sum_{i=0}^{n-tx-1} B(al+x, be+tx-x+i)/B(al,be) B(ga+1, de+tx+i)/B(ga,de)
    E[X(n)]        = al/(al+be) sum_{k=1}^{n} B(ga, de+k)/B(ga, de)
    E[X(n,n+n*)|.] = B(al+x+1, be+n-x)/B(al,be) / L sum_{k=n+1}^{n+n*} B(ga, de+k)/B(ga, de)
    P(X(n) = k)    = C(n,k) B(al+k, be+n-k)/B(al,be) B(ga, de+n)/B(ga,de)
                     + sum_{i=k}^{n-1} C(i,k) B(al+k, be+i-k)/B(al,be) B(ga+1, de+i)/B(ga,de)
  Gamma-Gamma (Fader, Hardie & Lee 2005): E[M | x, m] = p (ga + m x)/(p x + q - 1)
  sBG (Fader & Hardie 2010)
    DERL(d, n)     = sum_k>=1 S(n+k)/S(n) (1+d)^-(k-1)
                   = (1+d) E[(1-th)/(d+th)], th ~ Beta(a, b+n), by quadrature
                   (= (b+n)/(a+b+n) 2F1(1, b+n+1; a+b+n+1; 1/(1+d)), checked)

Where a closed form is singular (a = 1, a+b = 1 for BG/NBD; a = 1 for
MBG/NBD) the expectation is the integral it comes from,
E_p[(1 - (al/(al+p t))^r) / p] over p ~ Beta(a, b) (times 1-p for MBG/NBD),
by mpmath's tanh-sinh quadrature; the script checks the two routes against
each other on points where both apply. Parameters are log-uniform on
1e-3 ... 1e3 (seeded), plus the singular points: a = 1 and 1 +- 1e-6,
a + b = 1, integer a - r (integer c - a - b of the hypergeometric
functions, up to 172), and heavy buyers.

    python3 reference.py > reference.csv     (Debian: apt-get install python3-mpmath)
"""
import random
import sys

from mpmath import mp, mpf, hyp2f1, quad, beta, expm1, log1p, nstr, isinf, isnan, loggamma, log, exp, hyperu, betainc, nsum, inf, binomial

mp.dps = 50
rng = random.Random(16)


def lu(lo, hi):
    return float(mpf(10) ** rng.uniform(lo, hi))


def bracket_closed(r, al, a, b, t):
    # (a+b-1)/(a-1) [1 - (al/(al+t))^r 2F1(r, b; a+b-1; t/(al+t))]
    c = a + b - 1
    return c / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b, c, t / (al + t)))


def bracket_integral(r, al, a, b, t):
    # u = p^a on (0, 1/2] and v = (1-p)^b on [1/2, 1) absorb the density's
    # endpoint singularities, so tanh-sinh meets its full precision.
    h = lambda p: (-expm1(-r * log1p(p * t / al))) / p if p > 0 else r * t / al
    f1 = lambda u: (1 - u ** (1 / a)) ** (b - 1) * h(u ** (1 / a)) / a
    f2 = lambda v: (1 - v ** (1 / b)) ** (a - 1) * h(1 - v ** (1 / b)) / b
    half = mpf(1) / 2
    pts = sorted({mpf(0), half ** a} | {s ** a for s in (al / t, al / (t * max(r, 1))) if s < half})
    return (quad(f1, pts, maxdegree=10) + quad(f2, [0, half ** b], maxdegree=10)) / beta(a, b)


def bracket(r, al, a, b, t):
    if abs(a - 1) < mpf("1e-3") or abs(a + b - 1) < mpf("1e-3"):
        return bracket_integral(r, al, a, b, t)
    return bracket_closed(r, al, a, b, t)


def palive_bg(r, al, a, b, x, tx, T):
    if x == 0:
        return mpf(1)
    return 1 / (1 + a / (b + x - 1) * ((al + T) / (al + tx)) ** (r + x))


def palive_mbg(r, al, a, b, x, tx, T):
    return 1 / (1 + a / (b + x) * ((al + T) / (al + tx)) ** (r + x))


def derl(a, b, n, d):
    # The integral the sum comes from, (1+d) E[(1-th)/(d+th)] over
    # th ~ Beta(a, b+n), by tanh-sinh (with u = th^a, v = (1-th)^b when a
    # density exponent is below zero, else in th with breakpoints at the
    # mode); the closed form by hyp2f1 as a check, reported when they
    # differ (mpmath's hyp2f1 returned 2.8e9 for 2.08 at a = 286.9,
    # b = 727.3, n = 5, d = 0.1; nsum of the series misjudges its slow tails).
    B = b + n
    h = lambda th: (1 - th) / (d + th)
    if a < 1 or B < 1:
        half = mpf(1) / 2
        f1 = lambda u: (1 - u ** (1 / a)) ** (B - 1) * h(u ** (1 / a)) / a
        f2 = lambda v: (1 - v ** (1 / B)) ** (a - 1) * h(1 - v ** (1 / B)) / B
        pts = sorted({mpf(0), half ** a} | ({d ** a} if d < half else set()))
        v = (1 + d) * (quad(f1, pts) + quad(f2, [0, half ** B])) / beta(a, B)
    else:
        mode = (a - 1) / (a + B - 2) if a + B > 2 else mpf(1) / 2
        sd = (a * B / ((a + B) ** 2 * (a + B + 1))) ** 0.5
        pts = {mpf(0), mpf(1), mode} | {mode + k * sd for k in (-32, -16, -8, -4, -2, -1, 1, 2, 4, 8, 16, 32)} | {d, 10 * d}
        pts = sorted(p for p in pts if 0 <= p <= 1)
        f = lambda th: exp((a - 1) * log(th) + (B - 1) * log(1 - th) - log(beta(a, B))) * h(th) if 0 < th < 1 else mpf(0)
        v = (1 + d) * quad(f, pts)
    c = B / (a + B) * hyp2f1(1, B + 1, a + B + 1, 1 / (1 + d))
    if abs(c - v) > mpf("1e-25") * abs(v):
        sys.stderr.write("DERL at %r: integral %s, hyp2f1 %s\n" % ((float(a), float(b), n, float(d)), nstr(v, 20), nstr(c, 20)))
    return v


def pnbd_pmf(r, al, s, be, n, t):
    def nbd(u):
        if u == 0:
            return mpf(1) if n == 0 else mpf(0)
        return exp(loggamma(r + n) - loggamma(r) - loggamma(n + 1) + r * log(al / (al + u)) + n * log(u / (al + u)))
    # Over v = ln(1 + u/be), where the lifetime density is s e^(-s v), on
    # a fine uniform grid of v (tanh-sinh on each piece) plus the scales:
    # the integrand can be a narrow peak anywhere in (0, t).
    f = lambda v: s * exp(-s * v) * nbd(be * expm1(v))
    vmax = log1p(t / be)
    # The scales, and a fine ladder around the NBD's peak at u = n al / r
    # (narrow when r is large).
    us = [al, al * (n + 1) / r, be / s, 10 * be / s] + [al * max(n, 1) / r * (1 + mpf(j) / 20) for j in range(-19, 60)]
    scales = {log1p(u / be) for u in us if 0 < u < t}
    grid, prev = 16, None
    while True:
        pts = sorted({vmax * k / grid for k in range(grid + 1)} | scales)
        # Gauss-Legendre: the integrand is smooth in v, and tanh-sinh's
        # nodes crowding the ends stalled at 1e-11 on peaks there.
        v = quad(f, pts, method="gauss-legendre")
        # Double the grid until two grids agree to 1e-20.
        if prev is not None and abs(v - prev) <= mpf("1e-20") * abs(v):
            break
        if grid > 4096:
            sys.exit("no convergence at %r" % ((r, al, s, be, n, t),))
        grid, prev = 2 * grid, v
    return (be / (be + t)) ** s * nbd(t) + v


def pnbd_terms(r, al, s, be, x, tx, T):
    rsx = r + s + x
    big, small, b = (al, be, s + 1) if al >= be else (be, al, r + x)
    part = lambda tau: hyp2f1(rsx, b, rsx + 1, (big - small) / (big + tau)) / (big + tau) ** rsx
    a0 = part(tx) - part(T) if T > tx else mpf(0)
    ta = 1 / ((al + T) ** (r + x) * (be + T) ** s)
    return ta, s / rsx * a0


def fmt(v):
    if isinf(v) or isnan(v):
        return "inf"
    return nstr(v, 20, min_fixed=-1, max_fixed=-1) if v != 0 else "0"


params = [tuple(lu(-3, 3) for _ in range(4)) for _ in range(220)]
# Singular points: a = 1 and around it, a + b = 1, integer a − r, heavy
# parameters, and the CDNOW fits.
params += [(0.243, 4.414, 0.793, 2.426), (0.525, 6.183, 0.891, 1.614), (1, 1, 2, 2), (0.5, 4.4, 1.5, 2.4),
           (2, 3, 1, 5), (0.5, 5, 1, 2), (2, 3, 1 + 1e-6, 5), (2, 3, 1 - 1e-6, 5), (0.3, 2, 0.7, 0.3),
           (1.5, 10, 0.5, 0.5), (0.9, 1, 0.1, 0.9), (1, 1, 173, 2), (0.5, 3, 172.5, 10), (3, 2, 200, 30),
           (1000, 0.001, 1000, 1000), (0.001, 1000, 0.001, 0.001), (8.36e-11, 1.665e-7, 19.9, 14.7),
           (1e-3, 1e-3, 1e3, 1e3), (1e3, 1e3, 1e-3, 1e-3), (50, 2, 3, 0.01)]
customers = [(0, 0, 1e-4), (0, 0, 39), (1, 0.5, 1), (2, 30.43, 38.86), (5, 30, 39), (29, 38.9, 39),
             (120, 38, 39), (200, 39, 39), (1000, 1e5, 1e5), (1000, 10, 1e5)]
horizons = [1e-3, 1, 39, 520, 1e4]

out = sys.stdout
out.write("model,quantity,p1,p2,p3,p4,x,tx,T,t,value\n")
checked = 0
for (r, al, a, b) in params:
    R, AL, A, B = mpf(r), mpf(al), mpf(a), mpf(b)
    # A self-check of the two routes where both apply.
    if checked < 25 and abs(A - 1) > 0.05 and abs(A + B - 1) > 0.05 and A < 50:
        t = mpf(39)
        c1, c2 = bracket_closed(R, AL, A, B, t), bracket_integral(R, AL, A, B, t)
        if abs(c1 - c2) > mpf("1e-25") * abs(c1):
            sys.exit("closed form and integral disagree at %r: %s %s" % ((r, al, a, b), c1, c2))
        checked += 1
    for t in rng.sample(horizons, 3):
        T_ = mpf(t)
        out.write("bgnbd,E,%r,%r,%r,%r,0,0,0,%r,%s\n" % (r, al, a, b, t, fmt(bracket(R, AL, A, B, T_))))
        out.write("mbgnbd,E,%r,%r,%r,%r,0,0,0,%r,%s\n" % (r, al, a, b, t, fmt(B / (A + B) * bracket(R, AL, A, B + 1, T_))))
    for (x, tx, T) in rng.sample(customers, 3):
        X, TX, TT = mpf(x), mpf(tx), mpf(T)
        pb = palive_bg(R, AL, A, B, X, TX, TT)
        pm = palive_mbg(R, AL, A, B, X, TX, TT)
        out.write("bgnbd,palive,%r,%r,%r,%r,%r,%r,%r,0,%s\n" % (r, al, a, b, x, tx, T, fmt(pb)))
        out.write("mbgnbd,palive,%r,%r,%r,%r,%r,%r,%r,0,%s\n" % (r, al, a, b, x, tx, T, fmt(pm)))
        t = rng.choice(horizons)
        tt = mpf(t)
        out.write("bgnbd,CE,%r,%r,%r,%r,%r,%r,%r,%r,%s\n" % (r, al, a, b, x, tx, T, t, fmt(pb * bracket(R + X, AL + TT, A, B + X, tt))))
        out.write("mbgnbd,CE,%r,%r,%r,%r,%r,%r,%r,%r,%s\n" % (r, al, a, b, x, tx, T, t, fmt(pm * bracket(R + X, AL + TT, A, B + X + 1, tt))))

for (r, al, s, be) in params[:160] + [(1, 0.1, 1, 0.1), (0.553, 10.578, 0.606, 11.669), (2, 1, 2, 1)]:
    for n in rng.sample([0, 1, 3, 10, 50], 2):
        t = rng.choice(horizons)
        out.write("paretonbd,pmf,%r,%r,%r,%r,%r,0,0,%r,%s\n" % (r, al, s, be, n, t, fmt(pnbd_pmf(mpf(r), mpf(al), mpf(s), mpf(be), n, mpf(t)))))
    out.write("paretonbd,pmf,%r,%r,%r,%r,0,0,0,1000,%s\n" % (r, al, s, be, fmt(pnbd_pmf(mpf(r), mpf(al), mpf(s), mpf(be), 0, mpf(1000)))))

for (r, al, s, be) in params[:120] + [(0.553, 10.578, 0.606, 11.669), (1, 0.1, 1, 0.1), (0.3, 2, 0.05, 0.5)]:
    for (x, tx, T) in rng.sample(customers[:8], 2):
        d = rng.choice([1e-4, 0.0018, 0.01, 0.1])
        R, AL, S, BE, X, TT, D = (mpf(v) for v in (r, al, s, be, x, T, d))
        v = (R + X) / (AL + TT) * (BE + TT) ** S * D ** (S - 1) * hyperu(S, S, D * (BE + TT))
        out.write("paretonbd,DERTalive,%r,%r,%r,%r,%r,%r,%r,%r,%s\n" % (r, al, s, be, x, tx, T, d, fmt(v)))

for (r, al, a, b) in params[:160]:
    R, AL, A, B = mpf(r), mpf(al), mpf(a), mpf(b)
    for n in rng.sample([0, 1, 2, 5, 20, 100], 2):
        t = rng.choice(horizons)
        T_ = mpf(t)
        nb = exp(loggamma(R + n) - loggamma(R) - loggamma(n + 1) + R * log(AL / (AL + T_)) + n * log(T_ / (AL + T_)))
        tail = betainc(n, R, 0, T_ / (AL + T_), regularized=True) if n > 0 else mpf(1)
        pb = beta(A, B + n) / beta(A, B) * nb + (beta(A + 1, B + n - 1) / beta(A, B) * tail if n > 0 else 0)
        pm = beta(A, B + n + 1) / beta(A, B) * nb + beta(A + 1, B + n) / beta(A, B) * tail
        out.write("bgnbd,pmf,%r,%r,%r,%r,%r,0,0,%r,%s\n" % (r, al, a, b, n, t, fmt(pb)))
        out.write("mbgnbd,pmf,%r,%r,%r,%r,%r,0,0,%r,%s\n" % (r, al, a, b, n, t, fmt(pm)))

for (r, al, s, be) in params[:200] + [(0.553, 10.578, 0.606, 11.669), (1.5, 2.56e-12, 19.9, 63.3)]:
    for (x, tx, T) in rng.sample(customers, 3):
        R, AL, S, BE, X, TX, TT = (mpf(v) for v in (r, al, s, be, x, tx, T))
        ta, tb = pnbd_terms(R, AL, S, BE, X, TX, TT)
        ll = loggamma(R + X) - loggamma(R) + R * log(AL) + S * log(BE) + log(ta + tb)
        out.write("paretonbd,ll,%r,%r,%r,%r,%r,%r,%r,0,%s\n" % (r, al, s, be, x, tx, T, fmt(ll)))
        out.write("paretonbd,palive,%r,%r,%r,%r,%r,%r,%r,0,%s\n" % (r, al, s, be, x, tx, T, fmt(ta / (ta + tb))))

# BG/NBD DERT of a customer: a fine split of t around 1/d.
for (r, al, a, b) in params[:60] + [(0.243, 4.414, 0.793, 2.426)]:
    for (x, tx, T) in rng.sample(customers[:8], 1):
        d = rng.choice([0.0018, 0.01, 0.1])
        R, AL, A, B, X, TX, TT, D = (mpf(v) for v in (r, al, a, b, x, tx, T, d))
        pa = palive_bg(R, AL, A, B, X, TX, TT)
        f = lambda t: D * exp(-D * t) * bracket(R + X, AL + TT, A, B + X, t) if t > 0 else mpf(0)
        v = pa * quad(f, [0, 0.01 / D, 0.1 / D, 1 / D, 10 / D, 100 / D, inf])
        out.write("bgnbd,DERT,%r,%r,%r,%r,%r,%r,%r,%r,%s\n" % (r, al, a, b, x, tx, T, d, fmt(v)))

# BG/BB: parameters log-uniform on 1e-2 ... 1e2, patterns over up to 30
# opportunities, horizons up to 100.
def B_(u, v):
    return beta(u, v)


for _ in range(150):
    al, be, ga, de = (lu(-2, 2) for _ in range(4))
    AL, BE, GA, DE = (mpf(v) for v in (al, be, ga, de))
    n = rng.randint(1, 30)
    x = rng.randint(0, n)
    tx = 0 if x == 0 else rng.randint(x, n)
    base = B_(AL + x, BE + n - x) / B_(AL, BE) * B_(GA, DE + n) / B_(GA, DE)
    L = base + sum(B_(AL + x, BE + tx - x + i) / B_(AL, BE) * B_(GA + 1, DE + tx + i) / B_(GA, DE) for i in range(n - tx))
    palive = B_(AL + x, BE + n - x) / B_(AL, BE) * B_(GA, DE + n + 1) / B_(GA, DE) / L
    ns = rng.choice([1, 5, 20, 100])
    ce = B_(AL + x + 1, BE + n - x) / B_(AL, BE) / L * sum(B_(GA, DE + k) / B_(GA, DE) for k in range(n + 1, n + ns + 1))
    e = AL / (AL + BE) * sum(B_(GA, DE + k) / B_(GA, DE) for k in range(1, ns + 1))
    k = rng.randint(0, min(ns, 10))
    pk = binomial(ns, k) * B_(AL + k, BE + ns - k) / B_(AL, BE) * B_(GA, DE + ns) / B_(GA, DE) + \
        sum(binomial(i, k) * B_(AL + k, BE + i - k) / B_(AL, BE) * B_(GA + 1, DE + i) / B_(GA, DE) for i in range(k, ns))
    out.write("bgbb,palive,%r,%r,%r,%r,%r,%r,%r,0,%s\n" % (al, be, ga, de, x, tx, n, fmt(palive)))
    out.write("bgbb,CE,%r,%r,%r,%r,%r,%r,%r,%r,%s\n" % (al, be, ga, de, x, tx, n, ns, fmt(ce)))
    out.write("bgbb,E,%r,%r,%r,%r,0,0,0,%r,%s\n" % (al, be, ga, de, ns, fmt(e)))
    out.write("bgbb,pmf,%r,%r,%r,%r,%r,0,0,%r,%s\n" % (al, be, ga, de, k, ns, fmt(pk)))

# Gamma-Gamma conditional expected spend (q from 1 on: p x + q > 1).
for _ in range(100):
    p_, q_, g_ = lu(-2, 2), 1 + lu(-3, 2), lu(-2, 3)
    x, m = rng.randint(1, 200), lu(-1, 4)
    v = mpf(p_) * (mpf(g_) + mpf(m) * x) / (mpf(p_) * x + mpf(q_) - 1)
    out.write("gammagamma,spend,%r,%r,%r,0,%r,%r,0,0,%s\n" % (p_, q_, g_, x, m, fmt(v)))

# sBG DERL: log-uniform α, β, with integer α from 172 on at discounts below
# 11.1 % (gonum's ₂F₁ looped there) and β = 1,000.
sbg = [(lu(-3, 3), lu(-3, 3)) for _ in range(120)] + [(172, 2), (200, 0.5), (500, 30), (1, 1000), (0.7, 1000), (1000, 1000)]
for (a, b) in sbg:
    for n in rng.sample([0, 1, 5, 100], 2):
        for d in rng.sample([1e-4, 1e-3, 0.01, 0.1, 0.5], 2):
            out.write("sbg,DERL,%r,%r,0,0,%r,0,0,%r,%s\n" % (a, b, n, d, fmt(derl(mpf(a), mpf(b), n, mpf(d)))))
