#!/bin/bash
# Byte for byte: every query below, run by the code before (BEFORE_SRC) and after (AFTER_SRC) a change, each
# with its own fresh cache; the code after three times (computed, replayed from its kept answer, computed
# again from the warm cache). stdout, stderr and the exit code must be the same.
#
#   git archive <commit> src | tar -x -C /tmp/before        # the code before, as BEFORE_SRC=/tmp/before/src
#   bench/compare_outputs.sh /tmp/before/src src registry /path/to/a/60k-record/registry
#
# PYTHON (default python3) must have cgtask's dependencies.
set -u
BEFORE=$1; AFTER=$2; shift 2
P=${PYTHON:-python3}
W=$(mktemp -d)
fail=0; n=0
QUERIES=(
  "overdue --as-of 2022-12-31"
  "overdue --as-of 2022-03-15"
  "overdue --as-of 2022-12-31 --format json"
  "overdue --year 2022 --as-of 2022-12-31"
  "overdue --year 2022 --as-of 2022-12-31 --format json"
  "overdue --as-of 2022-06-30 --detail"
  "overdue --as-of 2022-06-30 --detail --format json"
  "overdue --as-of 2022-03-15 --dept 监督科 --soon 5"
  "overdue --as-of 2022-12-31 --format csv"
  "due --month 3"
  "due --month 3 --format json"
  "due --month 3 --year 2022 --format md"
  "progress --as-of 2022-12-31"
  "progress --as-of 2022-12-31 --format json"
  "list --dept 监督科"
  "list --format json"
  "ledger list --format json"
)
for reg in "$@"; do
  for q in "${QUERIES[@]}"; do
    n=$((n+1))
    for side in before after replay computed; do
      src=$AFTER; cache=$W/cache-after; answers=on
      [ $side = before ] && { src=$BEFORE; cache=$W/cache-before; }
      [ $side = computed ] && answers=off  # warm, from the caches the runs before left
      PYTHONPATH=$src CGTASK_CACHE_DIR=$cache CGTASK_ANSWERS=$answers $P -m cgtask $q -r $reg \
        >$W/$n.$side.out 2>$W/$n.$side.err; echo $? >$W/$n.$side.rc
    done
    for side in after replay computed; do
      for part in out err rc; do
        cmp -s $W/$n.before.$part $W/$n.$side.$part || { echo "DIFFERENT ($side $part): $q -r $reg"; fail=1; }
      done
    done
  done
done
echo "$n queries compared in $W; $( [ $fail = 0 ] && echo 'all byte-identical' || echo 'DIFFERENCES' )"
exit $fail
