"""What the stack runs: the default profile (one machine) and the scaled one (replicas)."""
