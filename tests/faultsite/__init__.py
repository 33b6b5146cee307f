"""A hostile local web site for fault-injection tests (stdlib only, loopback only)."""

from tests.faultsite.server import FaultServer, serve_fault_site

__all__ = ["FaultServer", "serve_fault_site"]
