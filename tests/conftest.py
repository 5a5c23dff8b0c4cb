pytest_plugins = ["fixtureweb.pytest_plugin"]
