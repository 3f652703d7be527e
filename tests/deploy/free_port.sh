# Sourced by the deploy tests. free_port prints a loopback TCP port nothing listens on, chosen
# outside the kernel's ephemeral range (net.ipv4.ip_local_port_range). Ports in that range go to
# outgoing connections and to the other tests' servers that ask the kernel for port 0, so a port
# there that looked free a moment ago can be taken before our server binds it (nginx's "bind() ...
# Address already in use" in a parallel CI run). Another shell test may still pick the same port
# between our check and our bind, so callers retry on a bind failure.
# Usage: free_port [PORT ...]: the ports named are this test's already; never returns one of them.
free_port() {
  local low=32768 high=60999 from to p
  read -r low high </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || true
  if (( low > 11024 )); then from=10000 to=$low; else from=$(( high + 1 )) to=65536; fi
  while :; do
    p=$(( from + (RANDOM * 32768 + RANDOM) % (to - from) ))
    [[ " $* " == *" $p "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return; fi
  done
}
