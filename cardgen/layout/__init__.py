"""Layout: pure geometry in points, from a validated note to scenes. Never imports a drawing library."""
