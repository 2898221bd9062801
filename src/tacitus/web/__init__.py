"""The analyst dashboard: static HTML, JavaScript and CSS served by tacitus serve (no network at run time)."""
