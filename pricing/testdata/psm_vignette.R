# The data of pricesensitivitymeter's vignette "Interpolation in Small Samples"
# (version 1.3.3): run with Rscript in this directory to rewrite psm_vignette.csv.
set.seed(1976)
toocheap <- sort(round(rnorm(n = 50, mean = 8, sd = 1.5), digits = 2))
tooexpensive <- sort(round(rnorm(n = 50, mean = 20, sd = 1), digits = 2))
cheap <- sort(round(rnorm(n = 50, mean = 15, sd = 3), digits = 2))
expensive <- sort(round(rnorm(n = 50, mean = 16, sd = 3), digits = 2))
pricestep_cheap <- which(cheap > 14.25 & cheap < 17.5)
cheap_alt <- cheap
cheap_alt[pricestep_cheap] <- round(mean(cheap_alt[pricestep_cheap]), digits = 2)
pricestep_expensive <- which(expensive > 14 & expensive < 16)
expensive_alt <- expensive
expensive_alt[pricestep_expensive] <- round(mean(expensive_alt[pricestep_expensive]), digits = 2)
write.csv(data.frame(too_cheap=toocheap, cheap=cheap_alt, expensive=expensive_alt, too_expensive=tooexpensive), "psm_vignette.csv", row.names=FALSE, quote=FALSE)
