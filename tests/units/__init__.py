"""Pure units: text, tracking codes, platform profiles, catalogs, CSV parsing."""
