# Shared by the load scripts (load-common.sh, directory-load.sh): a server's CPU time a request,
# steadier than requests a second on a machine shared with others, whose speed changes from
# minute to minute. Sourced, not run.

# The CPU time process PID has used so far (user and system, in clock ticks; a database server's
# own is not in it).
cpu_ticks() {  # pid
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# Milliseconds of CPU a request, from the ticks used while wrk ran and wrk's output ("N requests
# in …"); "-" when no request was answered.
cpu_ms_per_request() {  # ticks wrk-output-file
  awk -v ticks="$1" -v hz="$(getconf CLK_TCK)" '/requests in/ { n = $1 } END { if (n > 0) printf "%.2f", ticks * 1000 / hz / n; else printf "-" }' "$2"
}
