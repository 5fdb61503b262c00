"""Website chat pages and staff console of the SCO and Belt and Road hub for Central SOEs."""
