-- The language each staff member reads the portal in ("en" or "es"; NULL until the first sign-in,
-- which takes the sign-in page's language, from the browser's Accept-Language). SQLite: 0007.
ALTER TABLE staff ADD COLUMN language TEXT;
