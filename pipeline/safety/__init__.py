"""What a package or a template must not carry: parsed, never grepped."""
