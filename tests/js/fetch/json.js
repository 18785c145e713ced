// json() parses the body of a .json file (content type application/json).
fetch("./data/config.json").then(async (response) => {
  print(response.headers.get("content-type"));
  const data = await response.json();
  print(data.name, data.list.length, data.list[2], data.nested.ok);
});
