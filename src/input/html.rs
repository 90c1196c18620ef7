//! HTML input: prose through an HTML parser that keeps source offsets.
