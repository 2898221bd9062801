"""Event-data layouts other tools read: GDELT 2.0 Events and POLECAT."""
