console.log("mull");
