"""Test helpers: private servers on free loopback ports and generated news sites."""
