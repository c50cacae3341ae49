-- The look for slow connections: 'auto' (chosen when the connection's key exchange is slow),
-- 'light' (always) or 'full' (never).
ALTER TABLE member_prefs ADD COLUMN light_look TEXT NOT NULL DEFAULT 'auto' CHECK (light_look IN ('auto', 'light', 'full'));
