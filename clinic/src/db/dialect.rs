//! The few places where PostgreSQL's SQL differs from the portable subset the statements are written
//! in. Applied once per statement text (the result is prepared and cached per connection).

/// A statement written for SQLite, as PostgreSQL takes it: `?N` and `?` placeholders become `$N`,
/// `instr(` becomes `strpos(`, `length(?N)` gets a text cast (an untyped parameter is ambiguous there),
/// and `BEGIN IMMEDIATE` is a plain `BEGIN`. Quoted literals are left alone.
pub fn postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut chars = sql.chars().peekable();
    let mut next_bare = 0usize;
    let mut in_quote = false;
    while let Some(c) = chars.next() {
        if in_quote {
            out.push(c);
            if c == '\'' {
                in_quote = false;
            }
            continue;
        }
        match c {
            '\'' => {
                in_quote = true;
                out.push(c);
            }
            '?' => {
                let mut digits = String::new();
                while let Some(d) = chars.peek().filter(|d| d.is_ascii_digit()) {
                    digits.push(*d);
                    chars.next();
                }
                if digits.is_empty() {
                    next_bare += 1;
                    digits = next_bare.to_string();
                }
                out.push('$');
                out.push_str(&digits);
                if out.ends_with(&format!("length(${digits}")) {
                    out.push_str("::text");
                }
            }
            _ => out.push(c),
        }
    }
    replace_words(&out)
}

/// A batch of statements without parameters (transaction control, DDL).
pub fn postgres_batch(sql: &str) -> String {
    replace_words(sql)
}

fn replace_words(sql: &str) -> String {
    sql.replace("BEGIN IMMEDIATE", "BEGIN")
        .replace("instr(", "strpos(")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_numbered_and_literals_stay() {
        assert_eq!(
            postgres("SELECT a FROM t WHERE b = ?1 AND c = '?2' AND d = ?"),
            "SELECT a FROM t WHERE b = $1 AND c = '?2' AND d = $1"
        );
        assert_eq!(
            postgres("SELECT count(*) FROM audit WHERE instr(target, ?1) > 0 AND substr(outcome, 1, length(?2)) = ?2"),
            "SELECT count(*) FROM audit WHERE strpos(target, $1) > 0 AND substr(outcome, 1, length($2::text)) = $2"
        );
    }
}
