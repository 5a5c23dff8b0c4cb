"""Plain-SQL writes for the rows a crawl adds for every page, finding and evidence file:
sqlite-utils' insert and update look the table up in sqlite_master on every call, which cost
more than the write itself."""


def insert(db, table: str, row: dict) -> int:
    """The new row's id."""
    sql = f"INSERT INTO {table} ({_names(row)}) VALUES ({', '.join('?' * len(row))})"
    return db.execute(sql, list(row.values())).lastrowid


def insert_many(db, table: str, columns: tuple[str, ...], rows) -> None:
    """`rows`: one sequence of values per row, in the order of `columns`."""
    sql = f"INSERT INTO {table} ({_names(columns)}) VALUES ({', '.join('?' * len(columns))})"
    db.conn.executemany(sql, rows)


def update(db, table: str, row_id: int, values: dict) -> None:
    sql = f"UPDATE {table} SET {', '.join(f'{_name(k)} = ?' for k in values)} WHERE id = ?"
    db.execute(sql, [*values.values(), row_id])


def _name(column: str) -> str:
    return f'"{column}"'  # quoted: keyword_hits has columns named start and end


def _names(columns) -> str:
    return ", ".join(map(_name, columns))
