"""The offline demo: a small news site written for this project, served on 127.0.0.1."""
