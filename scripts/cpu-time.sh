# Shared by the load scripts (load-common.sh, directory-load.sh): the CPU time a request of a
# server, and of a PostgreSQL server, steadier than requests a second on a machine shared with
# others, whose speed changes from minute to minute. Sourced, not run.

# The CPU time process PID has used so far (user and system, in clock ticks; a database server's
# own is not in it).
cpu_ticks() {  # pid
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}

# The CPU time the PostgreSQL server listening on PORT has used so far, in clock ticks: its main
# process's, with that of the children it has already reaped (ended autovacuum workers, closed
# connections), and every living child's (the connections' backends, the WAL writer), so that
# it only grows. Empty when no server started with "-p PORT" runs here.
postgres_cpu_ticks() {  # port
  local main pid
  main=$(pgrep -f -- "postgres .*-p $1( |\$)" | head -1 || true)
  [ -n "$main" ] || return 0
  { awk '{ print $14 + $15 + $16 + $17 }' "/proc/$main/stat"
    for pid in $(pgrep -P "$main" || true); do awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null || true; done
  } | awk '{ t += $1 } END { print t }'
}

# Milliseconds of CPU a request, from the ticks used while wrk ran and wrk's output ("N requests
# in …"); "-" when no request was answered.
cpu_ms_per_request() {  # ticks wrk-output-file
  awk -v ticks="$1" -v hz="$(getconf CLK_TCK)" '/requests in/ { n = $1 } END { if (n > 0) printf "%.2f", ticks * 1000 / hz / n; else printf "-" }' "$2"
}
