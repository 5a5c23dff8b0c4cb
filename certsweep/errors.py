"""The one error type commands raise for a user's mistake: printed as one Chinese line, exit code 2."""


class UserError(Exception):
    pass
