// Text only exists after this script runs: it asks the same host's JSON API.
fetch("/api/message.json")
  .then((response) => response.json())
  .then((data) => {
    document.getElementById("app").innerHTML =
      "<h1>" + data.title + "</h1><p class=\"message\">" + data.message + "</p>";
  });
