"""The pandas peer of the association-rule benchmark: the same counts as
strategy.AssociationRules with MaxItems 2 (every rule a ⇒ b between two
products), computed the way a pandas user would: de-duplicate
(customer, product), count item supports, self-merge on customer for the
pair counts, then support, confidence and lift. Prints the seconds to read
the file and to mine, the rule count and the checksum ours prints.

    python3 rules_pandas.py purchases.csv 0.001 0.1
"""
import sys
import time

import pandas as pd

path, min_support, min_conf = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
t0 = time.perf_counter()
df = pd.read_csv(path, dtype={"customer": "string", "product": "string"})
t1 = time.perf_counter()
df = df.drop_duplicates()
n = df["customer"].nunique()
min_count = max(1, -(-min_support * n // 1) if (min_support * n) % 1 > 1e-9 else round(min_support * n))
item = df.groupby("product").size()
item = item[item >= min_count]
df = df[df["product"].isin(item.index)]
# Integer codes for the self-merge and the pair count: the fast way in pandas.
prod = df["product"].astype("category")
codes = pd.DataFrame({"c": df["customer"].astype("category").cat.codes.to_numpy(), "p": prod.cat.codes.to_numpy()})
pairs = codes.merge(codes, on="c", suffixes=("_a", "_b"))
pairs = pairs[pairs["p_a"] < pairs["p_b"]]
pc = pairs.groupby(["p_a", "p_b"]).size()
pc = pc[pc >= min_count].reset_index(name="count")
cats = prod.cat.categories
pc["product_a"] = cats[pc["p_a"].to_numpy()]
pc["product_b"] = cats[pc["p_b"].to_numpy()]
sup = item / n
rows = []
for a, b in (("product_a", "product_b"), ("product_b", "product_a")):
    r = pd.DataFrame({"ante": pc[a], "cons": pc[b], "count": pc["count"]})
    r["support"] = r["count"] / n
    r["confidence"] = r["count"] / item.loc[r["ante"]].to_numpy()
    r["lift"] = r["confidence"] / sup.loc[r["cons"]].to_numpy()
    rows.append(r)
rules = pd.concat(rows)
rules = rules[rules["confidence"] >= min_conf]
t2 = time.perf_counter()
checksum = float((rules["support"] + rules["confidence"] + rules["lift"]).sum())
print(f"pandas read {t1 - t0:.3f} s mine {t2 - t1:.3f} s baskets {n} rules {len(rules)} checksum {checksum:.9f}")
