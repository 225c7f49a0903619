# R rfm's scoring rule (rfm_table_customer.default: cut points quantile(type 7) + 1, lower bound inclusive)
# in base R, on the tie-heavy table of TestScoreRFMTies. Run: Rscript tiering/testdata/rfm_ties.R
rec  <- c(5, 30, 5, 200, 10, 30, 5, 90, 30, 10, 200, 30)
freq <- c(1, 2, 13, 1, 2, 3, 1, 5, 8, 1, 2, 5)
mon  <- c(100, 250.5, 5000, 100, 400, 1000, 250.5, 1000, 1000, 250.5, 400, 1000)
score <- function(x, nb, rev) {
  cuts <- unname(quantile(x, probs = seq(0, 1, length.out = nb + 1)))[c(-1, -(nb + 1))] + 1
  lower <- c(min(x), cuts); upper <- c(cuts, max(x) + 1)
  s <- rep(NA, length(x)); sc <- if (rev) rev(seq_len(nb)) else seq_len(nb)
  for (i in seq_len(nb)) s[x >= lower[i] & x < upper[i]] <- sc[i]
  list(cuts = cuts, s = s)
}
for (nb in c(5, 4)) {
  r <- score(rec, nb, TRUE); f <- score(freq, nb, FALSE); m <- score(mon, nb, FALSE)
  cat("bins", nb, "\n")
  cat("R cuts", r$cuts, "\nF cuts", f$cuts, "\nM cuts", m$cuts, "\n")
  cat("R", r$s, "\nF", f$s, "\nM", m$s, "\n")
}
