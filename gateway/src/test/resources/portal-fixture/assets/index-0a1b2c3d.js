console.log("门户");
